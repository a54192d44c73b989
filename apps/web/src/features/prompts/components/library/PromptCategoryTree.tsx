import { Folder, FolderOpen, Library } from 'lucide-react';
import { clsx } from 'clsx';
import { formatNumber } from '../../../../lib/format';
import type { CategoryNode } from '../../category-tree';

export interface PromptCategoryTreeProps {
  nodes: readonly CategoryNode[];
  /** The folder filtering the list; '' for all. */
  selected: string;
  /** Templates in every folder, for the "All prompts" entry; undefined while unknown. */
  total: number | undefined;
  onSelect: (category: string) => void;
}

const itemClass = (active: boolean) =>
  clsx(
    'flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm transition-colors',
    'focus-visible:outline-2 focus-visible:outline-indigo-600',
    active ? 'bg-indigo-50 font-medium text-indigo-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
  );

function FolderItems({ nodes, selected, onSelect }: Pick<PromptCategoryTreeProps, 'nodes' | 'selected' | 'onSelect'>) {
  return (
    <ul className="flex flex-col gap-0.5">
      {nodes.map((node) => {
        const active = node.path === selected;
        const open = active || selected.startsWith(`${node.path}/`);
        const Icon = open ? FolderOpen : Folder;
        return (
          <li key={node.path}>
            <button
              type="button"
              className={itemClass(active)}
              aria-current={active ? 'true' : undefined}
              onClick={() => onSelect(node.path)}
            >
              <Icon className="size-4 shrink-0 text-slate-400" aria-hidden="true" />
              <span className="min-w-0 flex-1 truncate">{node.name}</span>
              <span className="text-xs text-slate-400 tabular-nums">{formatNumber(node.count)}</span>
            </button>
            {node.children.length > 0 && (
              <div className="ml-3 border-l border-slate-200 pl-1.5">
                <FolderItems nodes={node.children} selected={selected} onSelect={onSelect} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The category folders present in the library; choosing one shows it and its sub-folders. */
export function PromptCategoryTree({ nodes, selected, total, onSelect }: PromptCategoryTreeProps) {
  return (
    <nav aria-label="Folders" className="flex flex-col gap-0.5">
      <button
        type="button"
        className={itemClass(selected === '')}
        aria-current={selected === '' ? 'true' : undefined}
        onClick={() => onSelect('')}
      >
        <Library className="size-4 shrink-0 text-slate-400" aria-hidden="true" />
        <span className="flex-1">All prompts</span>
        {total !== undefined && <span className="text-xs text-slate-400 tabular-nums">{formatNumber(total)}</span>}
      </button>
      <FolderItems nodes={nodes} selected={selected} onSelect={onSelect} />
    </nav>
  );
}
