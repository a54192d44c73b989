/**
 * The shapes the prompt template engine speaks. They are plain data so the registry (REST API, UI)
 * can persist and return them as JSON without translation.
 */

export type ChatRole = 'system' | 'user' | 'assistant';

/** One chat message. In a template its `content` is a Liquid template; in a render result it is text. */
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** A text prompt: one Liquid template. */
export interface TextTemplateSource {
  type: 'text';
  body: string;
}

/** A chat prompt: a list of messages, each one rendered independently (no shared `assign` state). */
export interface ChatTemplateSource {
  type: 'chat';
  messages: ChatMessage[];
}

export type TemplateSource = TextTemplateSource | ChatTemplateSource;

/** Which version of an included template to use. */
export type IncludeSelector = { label: string } | { version: number };

/**
 * A parsed `{% include "name" %}` target. A bare name is normalised to `{ label: 'latest' }`, so a
 * resolver never sees a missing selector.
 */
export interface IncludeRef {
  name: string;
  selector: IncludeSelector;
}

/** What a resolver hands back: one immutable text template version. */
export interface ResolvedTemplate {
  name: string;
  version: number;
  body: string;
}

/**
 * Looks included templates up (the registry implements it over its database). Must only return
 * text templates; `null` means "no such template / label / version".
 */
export interface TemplateResolver {
  resolve(ref: IncludeRef): Promise<ResolvedTemplate | null>;
}

/** An include that a render actually used, in first-use order, without duplicates. */
export interface ResolvedInclude {
  name: string;
  version: number;
}

export interface TextRenderResult {
  type: 'text';
  text: string;
  includes: ResolvedInclude[];
  /** Estimated prompt tokens (o200k); only when the render was asked to count them. */
  tokens?: number;
}

export interface ChatRenderResult {
  type: 'chat';
  messages: ChatMessage[];
  includes: ResolvedInclude[];
  /** Estimated prompt tokens (o200k, with chat framing); only when the render was asked to count them. */
  tokens?: number;
}

export type RenderResult = TextRenderResult | ChatRenderResult;
