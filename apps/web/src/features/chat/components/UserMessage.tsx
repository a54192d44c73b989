import { formatDateTime } from '../../../lib/format';

export interface UserMessageProps {
  content: string;
  /** Null while the server has not stored it yet. */
  createdAt: string | null;
}

export function UserMessage({ content, createdAt }: UserMessageProps) {
  return (
    <li className="flex justify-end">
      <article aria-label="Your message" className="max-w-[85%] sm:max-w-[75%]">
        <p className="rounded-2xl rounded-br-md bg-indigo-600 px-4 py-2.5 text-sm leading-6 break-words whitespace-pre-wrap text-white">
          {content}
        </p>
        {createdAt && (
          <time dateTime={createdAt} className="mt-1 block text-right text-[11px] text-slate-400">
            {formatDateTime(createdAt)}
          </time>
        )}
      </article>
    </li>
  );
}
