// The migration optimizer: merges and cancels operations (django/db/migrations/optimizer.py).

import { PyException } from '../../python/values';
import type { Operation } from './operations/base';

export class MigrationOptimizer {
  iterations = 0;

  optimize(operations: Operation[], appLabel: string | null): Operation[] {
    if (appLabel === null) throw new PyException('TypeError', 'app_label must be a str.');
    this.iterations = 0;
    for (;;) {
      const result = this.optimizeInner(operations, appLabel);
      this.iterations++;
      if (result.length === operations.length && result.every((op, i) => op === operations[i])) return result;
      operations = result;
    }
  }

  private optimizeInner(operations: Operation[], appLabel: string): Operation[] {
    const newOperations: Operation[] = [];
    for (let i = 0; i < operations.length; i++) {
      const operation = operations[i];
      let right = true;
      let merged = false;
      for (let j = 0; j < operations.length - i - 1; j++) {
        const other = operations[i + 1 + j];
        const result = operation.reduce(other, appLabel);
        if (Array.isArray(result)) {
          const inBetween = operations.slice(i + 1, i + j + 1);
          if (right) {
            newOperations.push(...inBetween, ...result);
          } else if (inBetween.every((op) => op.reduce(other, appLabel) === true)) {
            newOperations.push(...result, ...inBetween);
          } else {
            newOperations.push(operation);
            merged = true;
            break;
          }
          newOperations.push(...operations.slice(i + j + 2));
          return newOperations;
        } else if (!result) {
          right = false;
        }
      }
      if (!merged) newOperations.push(operation);
    }
    return newOperations;
  }
}
