import { LATEST_LABEL, parseVersionSelector, type PipelineDefinition } from '@agent-fleet/contracts';

/** A parsed `name`, `name@label` or `name@<version>`; a bare name means `latest`. */
export interface PipelineRef {
  name: string;
  selector: { version: number } | { label: string };
}

const REF = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,99})(?:@([A-Za-z_][A-Za-z0-9_.-]{0,63}|[1-9][0-9]{0,8}))?$/;

/** Null when the text is not a reference (the definition schema refuses those before they get here). */
export function parsePipelineRef(text: string): PipelineRef | null {
  const match = REF.exec(text);
  if (!match) return null;
  const [, name = '', selector] = match;
  if (selector === undefined) return { name, selector: { label: LATEST_LABEL } };
  // At most nine digits (REF): always a version some pipeline can have.
  const parsed = parseVersionSelector(selector);
  return parsed && { name, selector: parsed };
}

/** Every `pipeline` step's reference, including those inside map and loop bodies, with the step's path. */
export function pipelineRefsOf(definition: PipelineDefinition): { path: string[]; ref: string }[] {
  return Object.entries(definition.steps).flatMap(([id, step]) => {
    if (step.type === 'pipeline') return [{ path: ['steps', id, 'pipeline'], ref: step.pipeline }];
    if ((step.type === 'map' || step.type === 'loop') && step.step.type === 'pipeline')
      return [{ path: ['steps', id, 'step', 'pipeline'], ref: step.step.pipeline }];
    return [];
  });
}
