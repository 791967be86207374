// Connects the migrations side to the model layer's ProjectState / ModelState (state.ts).

import { PyException } from '../../python/values';
import type { StateBridge } from './project_runtime';

let bridge: StateBridge | undefined;

export function setStateBridge(b: StateBridge): void {
  bridge = b;
}

export function stateBridge(): StateBridge {
  if (!bridge) throw new PyException('django.core.exceptions.ImproperlyConfigured', 'The migration state layer is not available yet.');
  return bridge;
}
