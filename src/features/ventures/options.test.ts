import { describe, expect, test } from 'vitest';
import { MILESTONE_STEPS, PIPELINE_STAGES, STEPS, isOpenStage, nextStep } from './options.ts';

describe('the pipeline’s steps', () => {
	test('are the database’s stages in order, closed last', () => {
		expect([...STEPS, 'closed']).toEqual([...PIPELINE_STAGES]);
		expect(MILESTONE_STEPS).toEqual(STEPS.slice(2));
	});

	test('only the very next step can be logged, and only after mutual acceptance', () => {
		expect(nextStep('interest')).toBeNull();
		expect(nextStep('mutual')).toBe('introduced');
		expect(nextStep('visit')).toBe('letter_of_intent');
		expect(nextStep('mou')).toBe('jv_registered');
		expect(nextStep('jv_registered')).toBeNull();
		expect(nextStep('closed')).toBeNull();
		expect(isOpenStage('mou')).toBe(true);
		expect(isOpenStage('jv_registered')).toBe(false);
		expect(isOpenStage('closed')).toBe(false);
	});
});
