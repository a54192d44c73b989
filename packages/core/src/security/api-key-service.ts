import { API_KEY_PREFIX, type ApiKey, type ApiKeyCreated } from '@agent-fleet/contracts';
import { notFound } from '../app-error.js';
import type { Principal, WorkspaceAccess } from './access-service.js';
import type { AuditActor, AuditService } from './audit-service.js';
import type { MemberService } from './member-service.js';
import { hashToken, randomToken } from './secrets.js';
import type { ApiKeyRecord, SecurityStore } from './store.js';

const toApiKey = ({ workspaceId: _w, secretHash: _s, ...key }: ApiKeyRecord): ApiKey => key;

/** Alphanumeric id for the visible prefix (base64url may contain - and _, which split the key). */
const keyId = (): string =>
  randomToken(12)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 8)
    .padEnd(8, '0');

/** API keys for scripts and CI: shown once, stored as a hash, scoped to a workspace and a role. */
export class ApiKeyService {
  constructor(
    private readonly store: SecurityStore,
    private readonly members: MemberService,
    private readonly audit: AuditService,
  ) {}

  async create(
    access: WorkspaceAccess,
    principal: Principal,
    input: { name: string; role: string; expiresAt?: string | undefined },
    actor: AuditActor,
  ): Promise<ApiKeyCreated> {
    await this.members.assertGrantable(access, input.role, 'role');
    const prefix = `${API_KEY_PREFIX}${keyId()}`;
    const secret = randomToken();
    // The key and its audit event commit together: a key nobody sees created must not exist.
    const record = await this.store.transaction(async (tx) => {
      const inserted = await tx.apiKeys.insert({
        workspaceId: access.workspaceId,
        name: input.name,
        prefix,
        secretHash: hashToken(secret),
        role: input.role,
        createdBy: principal.userId,
        expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
      });
      await this.audit.record(
        access.workspaceId,
        actor,
        {
          action: 'api_key.created',
          targetType: 'api_key',
          targetId: inserted.id,
          metadata: { name: input.name, role: input.role },
        },
        tx,
      );
      return inserted;
    });
    return { ...toApiKey(record), key: `${prefix}_${secret}` };
  }

  /** Everyone sees their own keys; holders of `api-keys:manage` see all of the workspace. */
  async list(access: WorkspaceAccess, principal: Principal): Promise<ApiKey[]> {
    const all = access.permissions.has('api-keys:manage');
    return (await this.store.apiKeys.list(access.workspaceId, all ? undefined : principal.userId)).map(toApiKey);
  }

  async revoke(access: WorkspaceAccess, principal: Principal, id: string, actor: AuditActor): Promise<void> {
    const key = await this.store.apiKeys.findById(access.workspaceId, id);
    // Someone else's key is invisible without api-keys:manage, so it is "not found", not "forbidden".
    if (!key || (key.createdBy !== principal.userId && !access.permissions.has('api-keys:manage'))) throw notFound('API key', id);
    if (key.revokedAt === null) {
      await this.store.transaction(async (tx) => {
        await tx.apiKeys.revoke(access.workspaceId, id);
        await this.audit.record(
          access.workspaceId,
          actor,
          { action: 'api_key.revoked', targetType: 'api_key', targetId: id, metadata: { name: key.name } },
          tx,
        );
      });
    }
  }
}
