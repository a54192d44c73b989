/**
 * What a new pipeline starts from: small, valid on the mock provider's terms (no prompt or agent that
 * might not exist), and showing `inputs`, `needs` and an expression, so the editor's graph has an edge.
 */
export const STARTER_PIPELINE_YAML = `description: Greets someone, then welcomes them.
inputs:
  who:
    type: string
    required: true
steps:
  greet:
    type: transform
    value: "Hello, \${{ input.who }}!"
  welcome:
    type: transform
    needs: [greet]
    value: "\${{ steps.greet.output }} Welcome aboard."
outputs:
  greeting: \${{ steps.welcome.output }}
`;
