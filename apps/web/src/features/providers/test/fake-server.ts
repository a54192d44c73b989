import type { ModelInfo, ModelPriceOverride, Provider, ProviderUpsert } from '@agent-fleet/contracts';
import { json, type RecordedRequest } from '../../../test/mock-fetch';
import { echoModel, makeModel, makeProvider, mockProvider, ollamaProvider } from './fixtures';

export interface ServerState {
  providers: Provider[];
  models: ModelInfo[];
}

/** A fake providers API over `state`; `before` may answer a request first (e.g. with an error). */
export function serveProviders(state: ServerState, before?: (request: RecordedRequest) => Response | undefined) {
  return (request: RecordedRequest): Response => {
    const early = before?.(request);
    if (early) return early;
    const path = request.url.pathname;
    const providerId = decodeURIComponent(path.split('/')[4] ?? '');
    if (path === '/api/v1/providers') return json({ items: state.providers });
    if (path.endsWith('/test')) return json({ ok: true, latencyMs: 231, models: ['gpt-4o', 'gpt-4o-mini'], error: null });
    if (path.startsWith('/api/v1/providers/') && request.method === 'PUT') {
      const body = request.body as ProviderUpsert;
      const saved = makeProvider({
        id: providerId,
        kind: body.kind,
        baseUrl: body.baseUrl ?? null,
        hasApiKey: typeof body.apiKey === 'string',
        apiKeyHint: typeof body.apiKey === 'string' ? body.apiKey.slice(-4) : null,
        source: 'workspace',
      });
      state.providers = [...state.providers.filter((provider) => provider.id !== providerId), saved];
      return json(saved);
    }
    if (path.startsWith('/api/v1/providers/') && request.method === 'DELETE') {
      state.providers = state.providers.filter((provider) => provider.id !== providerId);
      return new Response(null, { status: 204 });
    }
    if (path === '/api/v1/models') {
      const provider = request.url.searchParams.get('provider');
      return json({ items: state.models.filter((model) => !provider || model.provider === provider) });
    }
    if (path === '/api/v1/model-prices' && request.method === 'PUT') {
      const body = request.body as ModelPriceOverride;
      const saved = makeModel({ ...body, label: body.label ?? body.model, source: 'override' });
      state.models = [...state.models.filter((model) => model.model !== body.model), saved];
      return json(saved);
    }
    if (path === '/api/v1/model-prices' && request.method === 'DELETE') {
      const model = request.url.searchParams.get('model');
      state.models = state.models.map((item) => (item.model === model ? makeModel({ model: item.model }) : item));
      return new Response(null, { status: 204 });
    }
    return json({});
  };
}

export const initialState = (): ServerState => ({
  providers: [mockProvider(), makeProvider(), ollamaProvider()],
  models: [echoModel(), makeModel()],
});
