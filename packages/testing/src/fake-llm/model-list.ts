/**
 * `GET /v1/models`, which "test connection" buttons call. OpenAI and Anthropic share the path but not the
 * body; a request carrying `anthropic-version` (which the Anthropic SDK and API clients always send) gets
 * Anthropic's paginated shape, anything else OpenAI's list.
 */
import type { IncomingHttpHeaders } from 'node:http';

export function modelListBody(models: readonly string[], headers: IncomingHttpHeaders, created: number): unknown {
  if (headers['anthropic-version'] !== undefined) {
    const createdAt = new Date(created * 1000).toISOString();
    return {
      data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: createdAt })),
      has_more: false,
      first_id: models[0] ?? null,
      last_id: models.at(-1) ?? null,
    };
  }
  return {
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created, owned_by: 'fake-llm' })),
  };
}
