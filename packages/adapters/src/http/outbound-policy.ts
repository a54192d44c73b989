import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { OutboundRequestRefusedError } from './outbound-request-refused-error.js';
import { isPrivateAddress } from './private-address.js';

/** Every address a hostname resolves to. */
export type HostLookup = (hostname: string) => Promise<string[]>;

export interface OutboundPolicyOptions {
  /** Allow private, loopback and other non-public addresses everywhere (e.g. a LAN-only install). */
  allowPrivateNetworks: boolean;
  /** `host` or `host:port` entries (`localhost`, `127.0.0.1:11434`, `[::1]:8080`) allowed even when private. */
  allowedHosts: string[];
  /** Resolves hostnames. Default: `node:dns/promises` `lookup` with `all: true`, as the connection will. */
  lookup?: HostLookup;
}

interface AllowedHost {
  /** In WHATWG URL form: lower case, punycode, IPv6 in brackets and compressed. */
  hostname: string;
  /** `null` allows every port. */
  port: string | null;
}

const systemLookup: HostLookup = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Parses one allowed-host entry; throws on anything that is not `host` or `host:port`, so typos fail at start-up. */
function parseAllowedHost(entry: string): AllowedHost {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const colons = text.split(':').length - 1;
  const [host, port] = bracketed
    ? [`[${bracketed[1]}]`, bracketed[2] ?? null]
    : colons === 1
      ? [text.slice(0, text.indexOf(':')), text.slice(text.indexOf(':') + 1)]
      : [isIP(text) === 6 ? `[${text}]` : text, null];
  const invalid = new Error(`Invalid allowed host ${JSON.stringify(entry)}: expected host or host:port`);
  if (host === '' || /[/?#@\\\s]/.test(host)) throw invalid;
  if (port !== null && (!/^\d{1,5}$/.test(port) || Number(port) > 65535)) throw invalid;
  try {
    return { hostname: new URL(`http://${host}/`).hostname, port: port === null ? null : String(Number(port)) };
  } catch {
    throw invalid;
  }
}

const defaultPort = (url: URL): string => url.port || (url.protocol === 'https:' ? '443' : '80');

/**
 * The product rule "outbound requests are refused to private and loopback addresses unless allowed",
 * applied to one URL: only http(s), and every address the host resolves to must be public unless private
 * networks or this host are allowed. One private address among public ones is enough to refuse, since the
 * connection may pick any of them.
 */
export class OutboundPolicy {
  private readonly allowed: AllowedHost[];
  private readonly lookup: HostLookup;

  constructor(private readonly options: OutboundPolicyOptions) {
    this.allowed = options.allowedHosts.filter((entry) => entry.trim() !== '').map(parseAllowedHost);
    this.lookup = options.lookup ?? systemLookup;
  }

  /** Resolves when `url` may be fetched; throws {@link OutboundRequestRefusedError} when it may not. */
  async assertAllowed(url: URL): Promise<void> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new OutboundRequestRefusedError(
        url.host || url.protocol,
        `only http: and https: URLs are allowed, not ${url.protocol}`,
      );
    }
    if (this.options.allowPrivateNetworks || this.isAllowedHost(url)) return;

    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const addresses = isIP(hostname) ? [hostname] : await this.resolve(hostname);
    const refused = addresses.find(isPrivateAddress);
    if (refused !== undefined) {
      const what = refused === hostname ? 'it is' : `it resolves to ${refused},`;
      throw new OutboundRequestRefusedError(
        url.host,
        `${what} a private, loopback or otherwise non-public address; allow private networks or add the host to the allowed hosts`,
      );
    }
  }

  private isAllowedHost(url: URL): boolean {
    return this.allowed.some(
      (entry) => entry.hostname === url.hostname && (entry.port === null || entry.port === defaultPort(url)),
    );
  }

  /** Resolution failures surface the way fetch reports them (`TypeError: fetch failed` with the cause). */
  private async resolve(hostname: string): Promise<string[]> {
    let addresses: string[];
    try {
      addresses = await this.lookup(hostname);
    } catch (error) {
      throw new TypeError('fetch failed', { cause: error });
    }
    if (addresses.length === 0) throw new TypeError('fetch failed', { cause: new Error(`${hostname} resolved to no address`) });
    return addresses;
  }
}
