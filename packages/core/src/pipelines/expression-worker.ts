/** The worker-thread side of the isolated expression evaluator (see isolated-expressions.ts). */
import { serveWorkerTasks } from '../isolation/worker-tasks.js';
import { compileExpression, evaluateCompiled, type ExpressionScope } from './expression.js';

/** What the host sends: one expression and the data it reads. */
export interface ExpressionTask {
  source: string;
  scope: ExpressionScope;
}

serveWorkerTasks({
  expression: (payload) => {
    const { source, scope } = payload as ExpressionTask;
    return evaluateCompiled(compileExpression(source), scope);
  },
});
