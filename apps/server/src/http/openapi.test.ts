import { buildAgentInput } from '@agent-fleet/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../test-support.js';

/**
 * The served document must work for clients generated from it: a standard JSON Schema validator (Ajv,
 * draft 2020-12, unicode patterns) accepts what the API really takes and sends.
 */
let app: TestApp;
let owner: SignedIn;
let document: { components: { schemas: Record<string, unknown> } };
let ajv: Ajv2020;

beforeAll(async () => {
  app = await createTestApp();
  owner = await app.signupOwner();
  document = (await app.anonymous.get('/api/openapi.json').expect(200)).body;
  ajv = new Ajv2020({ strict: false, unicodeRegExp: true, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'api', components: document.components });
});
afterAll(() => app.close());

const validate = (component: string, value: unknown): string[] => {
  const check = ajv.getSchema(`api#/components/schemas/${component}`);
  if (!check) throw new Error(`No component ${component}`);
  return check(value) ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
};

function patternsOf(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => patternsOf(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') found.push(value);
      else patternsOf(value, found);
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  it('holds only patterns that compile as unicode regular expressions, without regex flags', () => {
    const patterns = patternsOf(document);
    expect(patterns.length).toBeGreaterThan(5);
    for (const pattern of patterns) {
      expect(pattern, pattern).not.toMatch(/(?<!\\)\/[a-z]+$/);
      expect(() => new RegExp(pattern, 'u'), pattern).not.toThrow();
    }
  });

  it('lets a nullable reference be null', () => {
    expect(JSON.stringify(document)).not.toMatch(/"allOf":\[\{"\$ref":"[^"]+"\},\{"type":\[[^\]]*"null"/);
    const conversation = { usage: null };
    expect(validate('Message', conversation).join()).not.toMatch(/\/usage/);
  });

  it('accepts a real agent request and response, Unicode name included', async () => {
    const input = buildAgentInput({ name: 'Café Ünïcode 7' });
    expect(validate('AgentCreate', input)).toEqual([]);
    const created = await owner.client.post('/api/v1/agents').send(input).expect(201);
    expect(validate('Agent', created.body)).toEqual([]);
    expect(validate('AgentCreate', { ...input, name: '-starts with a dash' })).not.toEqual([]);
  });

  it('shows a stream route’s text/event-stream with one schema per event, the helper’s error event included', () => {
    const paths = (document as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> })
      .paths;
    const ok = paths['/api/v1/conversations/{id}/messages']?.['post']?.responses['200'] as {
      description: string;
      content: Record<string, { schema: { oneOf: { properties: { event: { enum: string[] } } }[] } }>;
    };
    expect(Object.keys(ok.content)).toEqual(['application/json', 'text/event-stream']);
    const events = ok.content['text/event-stream']?.schema.oneOf.map((frame) => frame.properties.event.enum[0]);
    expect(events).toEqual([
      'turn.started',
      'text.delta',
      'tool.call',
      'tool.result',
      'llm.call',
      'turn.completed',
      'turn.failed',
      'error',
    ]);
    expect(ok.description).toMatch(/cannot be resumed: `Last-Event-ID` is ignored/);
  });

  it('documents the headers a route declares, as header parameters', () => {
    const paths = (document as unknown as { paths: Record<string, Record<string, { parameters: object[] }>> }).paths;
    const parameters = paths['/api/v1/agents/{id}']?.['patch']?.parameters;
    expect(parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'if-match', required: false }));
  });
});
