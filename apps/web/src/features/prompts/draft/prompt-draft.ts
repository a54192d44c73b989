import type { PromptVersion } from '@agent-fleet/contracts';
import type { ChatRole, TemplateSource, VariableDeclaration } from '../types';
import { newDraftKey } from './draft-key';
import { fromDeclarations, toDeclarations, type VariableDraft, type VariableErrors } from './variable-drafts';

export type SourceMode = TemplateSource['type'];

export interface MessageDraft {
  /** Stable React key; survives reordering and removal. */
  key: string;
  role: ChatRole;
  content: string;
}

/** The content of one version being edited. Both text and chat sources are kept so switching mode loses nothing. */
export interface PromptDraft {
  mode: SourceMode;
  body: string;
  messages: MessageDraft[];
  variables: VariableDraft[];
  provider: string;
  model: string;
  temperature: string;
  commitMessage: string;
}

export const newMessage = (role: ChatRole, content = ''): MessageDraft => ({ key: newDraftKey(), role, content });

export const emptyPromptDraft = (): PromptDraft => ({
  mode: 'text',
  body: '',
  messages: [],
  variables: [],
  provider: '',
  model: '',
  temperature: '',
  commitMessage: '',
});

/** A version's content as a draft for the next version; the commit message starts empty. */
export function draftFromVersion(version: PromptVersion): PromptDraft {
  const { source, config } = version;
  return {
    mode: source.type,
    body: source.type === 'text' ? source.body : '',
    messages: source.type === 'chat' ? source.messages.map((message) => newMessage(message.role, message.content)) : [],
    variables: fromDeclarations(version.variables),
    provider: config.provider ?? '',
    model: config.model ?? '',
    temperature: config.temperature === undefined ? '' : String(config.temperature),
    commitMessage: '',
  };
}

/** Switching to chat for the first time turns the text into a system message, so nothing typed is lost. */
export function switchMode(draft: PromptDraft, mode: SourceMode): PromptDraft {
  if (mode === draft.mode) return draft;
  if (mode === 'chat' && draft.messages.length === 0) {
    return { ...draft, mode, messages: [newMessage('system', draft.body), newMessage('user')] };
  }
  return { ...draft, mode };
}

export const draftSource = (draft: PromptDraft): TemplateSource =>
  draft.mode === 'text'
    ? { type: 'text', body: draft.body }
    : { type: 'chat', messages: draft.messages.map(({ role, content }) => ({ role, content })) };

/** Why the temperature cannot be saved, or undefined. */
export function temperatureError(temperature: string): string | undefined {
  if (temperature.trim() === '') return undefined;
  const value = Number(temperature);
  return Number.isFinite(value) && value >= 0 && value <= 2 ? undefined : 'Enter a number from 0 to 2';
}

export type PromptConfig = PromptVersion['config'];

/** What saving a draft sends: a version's content with every part filled in. */
export interface VersionContent {
  source: TemplateSource;
  variables: VariableDeclaration[];
  config: PromptConfig;
  commitMessage: string;
}

export function draftConfig(draft: PromptDraft): PromptConfig {
  const provider = draft.provider.trim();
  const model = draft.model.trim();
  const temperature = draft.temperature.trim();
  return {
    ...(provider ? { provider } : {}),
    ...(model ? { model } : {}),
    ...(temperature !== '' && temperatureError(temperature) === undefined ? { temperature: Number(temperature) } : {}),
  };
}

export type DraftCheck =
  | { ok: true; input: VersionContent }
  | { ok: false; variableErrors: Record<string, VariableErrors>; temperature: string | undefined };

/** The version input the draft stands for, or what must be fixed first. */
export function checkDraft(draft: PromptDraft): DraftCheck {
  const variables = toDeclarations(draft.variables);
  const temperature = temperatureError(draft.temperature);
  if (!variables.ok || temperature) {
    return { ok: false, variableErrors: variables.ok ? {} : variables.errors, temperature };
  }
  return {
    ok: true,
    input: {
      source: draftSource(draft),
      variables: variables.declarations,
      config: draftConfig(draft),
      commitMessage: draft.commitMessage.trim(),
    },
  };
}
