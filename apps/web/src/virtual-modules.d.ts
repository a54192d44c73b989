/** The pipeline definition's JSON Schema, computed from the contract at build time (build/pipeline-schema.ts). */
declare module 'virtual:pipeline-definition-schema' {
  const schema: Record<string, unknown>;
  export default schema;
}
