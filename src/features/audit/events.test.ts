import { describe, expect, test } from 'vitest';
import { isMessageKey } from '~/i18n/translate.ts';
import { AUDIT_EVENTS, eventKey, isAuditEvent } from './events.ts';

describe('audit events', () => {
	test('every event has a readable name in the catalogs', () => {
		for (const event of AUDIT_EVENTS) expect(isMessageKey(eventKey(event)), event).toBe(true);
	});

	test('only known events are events', () => {
		expect(isAuditEvent('auth.sign_in')).toBe(true);
		expect(isAuditEvent('auth.sign_in; drop table')).toBe(false);
		expect(isAuditEvent(null)).toBe(false);
	});
});
