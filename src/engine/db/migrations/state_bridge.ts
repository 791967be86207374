// Connects the migrations side to the model layer's ProjectState / ModelState (state.ts):
// how operations build model states, and how the autodetector walks states.

import { PyList, type PyValue } from '../../python/values';
import { callValue } from '../../utils/py';
import type { Apps } from '../../apps/registry';
import { Model } from '../models/base';
import type { Field } from '../models/fields/index';
import { IndexClass, type Index } from '../models/indexes';
import type { Manager } from '../models/manager';
import type { DetectorModelState, DetectorState, StateAccess } from './autodetector';
import { INDEX_FACTORY, MODEL_BASE } from './operations/models';
import { setModelStateFactory } from './operations/state-hooks';
import type { StateBridge } from './project_runtime';
import { ModelState, ProjectState, modelKey, splitKey } from './state';

MODEL_BASE.value = Model;
INDEX_FACTORY.make = (fields, name) =>
  (callValue(IndexClass, [], new Map<string, PyValue>([['fields', new PyList(fields)], ['name', name]])) as { native: Index }).native as never;

setModelStateFactory(
  (appLabel, name, fields, options, bases, managers) =>
    new ModelState(
      appLabel,
      name,
      fields as unknown as [string, Field][],
      new Map(Object.entries(options)) as Map<string, PyValue>,
      bases as PyValue[],
      managers as unknown as [string, Manager][],
    ),
);

const access: StateAccess = {
  models(state: DetectorState) {
    const ps = state as unknown as ProjectState;
    return [...ps.models].map(([key, ms]) => [splitKey(key), ms as unknown as DetectorModelState]);
  },
  model(state: DetectorState, appLabel: string, modelName: string) {
    return (state as unknown as ProjectState).models.get(modelKey(appLabel, modelName)) as unknown as DetectorModelState | undefined;
  },
  relations(state: DetectorState, appLabel: string, modelName: string) {
    const rel = (state as unknown as ProjectState).relations.get(modelKey(appLabel, modelName));
    if (!rel) return [];
    return [...rel].map(([key, fields]) => [splitKey(key), fields as never]);
  },
};

const bridge: StateBridge = {
  empty: (realApps) => new ProjectState(undefined, realApps),
  fromApps: (apps: Apps) => ProjectState.fromApps(apps) as unknown as DetectorState,
  access,
};

export function stateBridge(): StateBridge {
  return bridge;
}
