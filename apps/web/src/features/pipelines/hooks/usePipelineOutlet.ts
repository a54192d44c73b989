import type { PipelineDetail } from '@agent-fleet/contracts';
import { useOutletContext } from 'react-router';

/** What the pipeline page hands its tabs: the loaded pipeline with its latest version. */
export interface PipelineOutletContext {
  pipeline: PipelineDetail;
}

export const usePipelineOutlet = (): PipelineOutletContext => useOutletContext<PipelineOutletContext>();
