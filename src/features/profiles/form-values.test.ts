import { describe, expect, test } from 'vitest';
import { postedFormValues, profileFormValues, type ProfileRow } from './form-values.ts';

describe('profileFormValues', () => {
	test('shows a saved profile in the inputs: nulls empty, numbers as text, lists as lists', () => {
		const values = profileFormValues({
			display_name: 'Lan',
			headline: null,
			prefectures: [13, 23],
			japan_start_year: 2016,
			jft_basic: true,
			languages: ['vi'],
			kinds: ['returnee'],
			email_visibility: 'private',
		} as unknown as ProfileRow);
		expect(values).toMatchObject({
			display_name: 'Lan',
			headline: '',
			prefectures: ['13', '23'],
			japan_start_year: '2016',
			jft_basic: true,
			languages: ['vi'],
			kinds: ['returnee'],
			email_visibility: 'private',
			programmes: [],
		});
	});
});

describe('postedFormValues', () => {
	test('keeps everything that was posted, including values the server refused', () => {
		const data = new FormData();
		data.set('display_name', '<b>Lan</b>');
		data.append('prefectures', '13');
		data.append('prefectures', '99');
		data.set('jft_basic', 'on');
		data.set('japan_start_year', 'soon');
		const values = postedFormValues(data);
		expect(values).toMatchObject({
			display_name: '<b>Lan</b>',
			prefectures: ['13', '99'],
			jft_basic: true,
			japan_start_year: 'soon',
			headline: '',
			languages: [],
		});
	});
});
