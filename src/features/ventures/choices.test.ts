import { describe, expect, test } from 'vitest';
import { formStatuses } from './choices.ts';
import { postedVentureValues, ventureFormValues } from './form-values.ts';
import type { OwnVentureRow } from './types.ts';

describe('the opportunity form', () => {
	test('offers the status it has and the ones it may move to in one save', () => {
		expect(formStatuses(null)).toEqual(['draft', 'open']);
		expect(formStatuses('draft')).toEqual(['draft', 'open']);
		expect(formStatuses('open')).toEqual(['open', 'paused']);
		expect(formStatuses('paused')).toEqual(['paused', 'open']);
	});

	test('shows a saved opportunity, and a failed post, as the inputs hold them', () => {
		const row = {
			id: 'v',
			side: 'sme',
			organisation_id: 'o',
			owner_id: 'u',
			title: 'Precast plant partner',
			summary: 'We make precast parts and want a partner.',
			partnership_type: 'joint_venture',
			sector: 'construction',
			target_countries: ['VN'],
			offers: null,
			needs: 'A site',
			required_skills: ['welding', 'quality control'],
			min_jlpt: null,
			capital: '10k_50k',
			network: null,
			timeline: 'exploring',
			languages: ['ja', 'vi'],
			prefecture: 23,
			status: 'open',
			created_at: '',
			updated_at: '',
			published_at: null,
			closed_at: null,
		} satisfies OwnVentureRow;
		expect(ventureFormValues(row)).toMatchObject({
			offers: '',
			required_skills: 'welding, quality control',
			min_jlpt: '',
			prefecture: '23',
			target_countries: ['VN'],
			status: 'open',
		});
		const data = new FormData();
		data.append('title', '<b>x</b>');
		data.append('target_countries', 'VN');
		data.append('target_countries', 'XX');
		expect(postedVentureValues(data)).toMatchObject({
			title: '<b>x</b>',
			target_countries: ['VN', 'XX'],
			languages: [],
			summary: '',
		});
	});
});
