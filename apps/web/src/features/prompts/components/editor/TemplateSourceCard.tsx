import type { Diagnostic } from '@agent-fleet/contracts';
import { Card } from '../../../../components/ui/Card';
import { markersFor } from '../../draft/diagnostics';
import { switchMode, type PromptDraft } from '../../draft/prompt-draft';
import type { TemplateSource } from '../../types';
import { DeferredLiquidEditor as LiquidEditor } from '../shared/DeferredLiquidEditor';
import { ChatMessagesEditor } from './ChatMessagesEditor';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { SourceModeSwitch } from './SourceModeSwitch';

export interface TemplateSourceCardProps {
  draft: PromptDraft;
  onChange: (patch: Partial<PromptDraft>) => void;
  diagnostics: readonly Diagnostic[];
  /** The source the diagnostics were computed for, so markers only land on the text they describe. */
  analyzed: TemplateSource | undefined;
  checking: boolean;
  blockedReason: string | undefined;
  variableNames: readonly string[];
  onDeclare?: (name: string) => void;
  readOnly?: boolean;
}

export function TemplateSourceCard(props: TemplateSourceCardProps) {
  const { draft, onChange, diagnostics, analyzed, checking, blockedReason, variableNames, onDeclare, readOnly } = props;
  return (
    <Card
      title="Template"
      description={
        <>
          Liquid: <code className="font-mono text-xs">{'{{ variable }}'}</code>,{' '}
          <code className="font-mono text-xs">{'{% if %}'}</code>,{' '}
          <code className="font-mono text-xs">{'{% include "name" %}'}</code>
        </>
      }
      actions={<SourceModeSwitch value={draft.mode} onChange={(mode) => onChange(switchMode(draft, mode))} disabled={readOnly} />}
    >
      {draft.mode === 'text' ? (
        <LiquidEditor
          label="Template"
          value={draft.body}
          onChange={readOnly ? undefined : (body) => onChange({ body })}
          diagnostics={analyzed?.type === 'text' ? markersFor(diagnostics, undefined) : []}
          diagnosticsFor={analyzed?.type === 'text' ? analyzed.body : undefined}
          variableNames={variableNames}
          minHeight="14rem"
          placeholder="Hello {{ customer_name }}, thanks for reaching out about {{ topic }}…"
        />
      ) : (
        <ChatMessagesEditor
          messages={draft.messages}
          onChange={(messages) => onChange({ messages })}
          diagnostics={diagnostics}
          analyzed={analyzed}
          variableNames={variableNames}
          readOnly={readOnly}
        />
      )}
      <DiagnosticsPanel diagnostics={diagnostics} checking={checking} blockedReason={blockedReason} onDeclare={onDeclare} />
    </Card>
  );
}
