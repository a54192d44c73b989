import type { PromptDetail } from '@agent-fleet/contracts';
import { useOutletContext } from 'react-router';

/** What the template page hands its tabs: the loaded template, so each tab need not fetch it again. */
export interface PromptOutletContext {
  prompt: PromptDetail;
}

export const usePromptOutlet = (): PromptOutletContext => useOutletContext<PromptOutletContext>();
