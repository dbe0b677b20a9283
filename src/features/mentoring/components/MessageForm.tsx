import { MessageForm as ThreadMessageForm } from '~/components/thread/MessageForm.tsx';
import type { IslandFormProps } from '~/features/organisations/components/form-props.ts';
import { MENTORING_VALIDATION_VARS } from '../options.ts';

/** Props of MessageForm. */
export interface MessageFormProps extends IslandFormProps<'body' | 'mentorship_id'> {
	mentorshipId: string;
	/** A line under the label, e.g. "Answer the question to send your request back". */
	hint: string;
}

/** Writes a message in a mentorship's thread. Works without JavaScript. */
export default function MessageForm({ mentorshipId, ...props }: MessageFormProps) {
	return (
		<ThreadMessageForm
			{...props}
			schema={() => import('../schemas/mentorship.schema.ts').then((m) => m.MessageSchema)}
			idField="mentorship_id"
			idValue={mentorshipId}
			vars={MENTORING_VALIDATION_VARS}
			labelKey="mentoring.field.body"
			sendKey="mentoring.form.send"
		/>
	);
}
