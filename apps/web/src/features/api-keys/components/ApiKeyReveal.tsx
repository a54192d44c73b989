import type { ApiKeyCreated } from '@agent-fleet/contracts';
import { CopyField } from '../../../components/ui/CopyField';
import { Notice } from '../../../components/ui/Notice';

/** The new key's secret, shown this once: the server keeps only a digest. */
export function ApiKeyReveal({ apiKey }: { apiKey: ApiKeyCreated }) {
  return (
    <div className="flex flex-col gap-4">
      <Notice tone="warning" title="Copy the key now — it is shown only once">
        Store it in your secret manager or CI settings. Agent Fleet keeps only a fingerprint, so the key cannot be shown again; if
        it is lost, revoke it and create a new one.
      </Notice>
      <CopyField id="api-key-secret" label="API key" value={apiKey.key} />
      <div className="text-xs text-slate-500">
        <p className="mb-1.5 font-medium text-slate-600">Use it as a bearer token:</p>
        <pre className="overflow-x-auto rounded-lg bg-slate-950 px-3 py-2.5 font-mono text-[11px] leading-5 text-slate-100">
          {`curl -H "Authorization: Bearer ${apiKey.prefix}_…" \\\n  ${window.location.origin}/api/v1/agents`}
        </pre>
      </div>
    </div>
  );
}
