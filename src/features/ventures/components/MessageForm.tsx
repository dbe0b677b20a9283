import { MessageForm as ThreadMessageForm } from '~/components/thread/MessageForm.tsx';
import { VENTURE_VALIDATION_VARS } from '../options.ts';
import type { IslandFormProps } from './form-props.ts';

/** Props of MessageForm. */
export interface MessageFormProps extends IslandFormProps<'body' | 'interest_id'> {
	interestId: string;
	/** A line under the label: who reads the conversation. */
	hint: string;
}

/** Writes a message in a pipeline's conversation. Works without JavaScript. */
export default function MessageForm({ interestId, ...props }: MessageFormProps) {
	return (
		<ThreadMessageForm
			{...props}
			schema={() => import('../schemas/pipeline.schema.ts').then((m) => m.MessageSchema)}
			idField="interest_id"
			idValue={interestId}
			vars={VENTURE_VALIDATION_VARS}
			labelKey="ventures.field.body"
			sendKey="ventures.form.send"
		/>
	);
}
