import type { Ref } from 'react';
import './forms.css';

/** One problem in the summary; `target` is the id of the field it is about. */
export interface SummaryItem {
	message: string;
	target: string;
}

/** Props of ErrorSummary. */
export interface ErrorSummaryProps {
	title: string;
	items: readonly SummaryItem[];
	ref?: Ref<HTMLDivElement>;
	/** The id of its heading; give each summary its own when a page has several forms. */
	titleId?: string;
}

/**
 * The list of a form's problems at its top, each linking to its field (GOV.UK error summary).
 * It takes focus when it appears — `autoFocus` also works for server-rendered pages without
 * JavaScript — so keyboard and screen-reader users learn of the problems at once.
 */
export function ErrorSummary({
	title,
	items,
	ref,
	titleId = 'error-summary-title',
}: ErrorSummaryProps) {
	if (items.length === 0) return null;
	return (
		<div ref={ref} className="error-summary" tabIndex={-1} aria-labelledby={titleId} autoFocus>
			<div role="alert">
				<h2 id={titleId} className="error-summary-title">
					{title}
				</h2>
				<ul className="error-summary-list">
					{items.map((item) => (
						<li key={`${item.target}:${item.message}`}>
							<a
								href={`#${item.target}`}
								onClick={(event) => {
									// Focus the input itself, not just scroll to it; browsers only scroll.
									const input = document.getElementById(item.target);
									if (!input) return;
									event.preventDefault();
									input.focus();
									input.closest('.field')?.scrollIntoView({ block: 'start' });
								}}
							>
								{item.message}
							</a>
						</li>
					))}
				</ul>
			</div>
		</div>
	);
}
