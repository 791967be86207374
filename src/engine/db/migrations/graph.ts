// The migration graph (django/db/migrations/graph.py): nodes are (app_label, name) keys.

import { strCompare } from './serializer';
import { CircularDependencyError, keyRepr, NodeNotFoundError, type MigrationKey } from './exceptions';

export const keyStr = (k: MigrationKey) => `${k[0]}\u0000${k[1]}`;
export const compareKeys = (a: MigrationKey, b: MigrationKey) => strCompare(a[0], b[0]) || strCompare(a[1], b[1]);

export class Node {
  readonly children = new Set<Node>();
  readonly parents = new Set<Node>();
  constructor(readonly key: MigrationKey) {}
}

export class DummyNode extends Node {
  constructor(
    key: MigrationKey,
    readonly origin: string,
    readonly errorMessage: string,
  ) {
    super(key);
  }
  raiseError(): never {
    throw new NodeNotFoundError(this.errorMessage, this.key, this.origin);
  }
}

/** What the graph keeps per node (a Migration; null for dummy nodes). */
export interface GraphMigration {
  appLabel: string;
  name: string;
  mutateState(state: unknown, preserve?: boolean): unknown;
}

export class MigrationGraph<M extends GraphMigration = GraphMigration> {
  readonly nodeMap = new Map<string, Node>();
  readonly nodes = new Map<string, M | null>();
  private readonly keys = new Map<string, MigrationKey>();

  has(key: MigrationKey): boolean {
    return this.nodes.has(keyStr(key));
  }

  get(key: MigrationKey): M | null | undefined {
    return this.nodes.get(keyStr(key));
  }

  /** Every node key, in insertion order. */
  nodeKeys(): MigrationKey[] {
    return [...this.nodes.keys()].map((k) => this.keys.get(k)!);
  }

  addNode(key: MigrationKey, migration: M): void {
    const k = keyStr(key);
    this.nodeMap.set(k, new Node(key));
    this.nodes.set(k, migration);
    this.keys.set(k, key);
  }

  addDummyNode(key: MigrationKey, origin: string, errorMessage: string): void {
    const k = keyStr(key);
    this.nodeMap.set(k, new DummyNode(key, origin, errorMessage));
    this.nodes.set(k, null);
    this.keys.set(k, key);
  }

  /** `migration` is its "app.name" label (for messages). */
  addDependency(migration: string, child: MigrationKey, parent: MigrationKey, skipValidation = false): void {
    if (!this.has(child)) {
      this.addDummyNode(child, migration, `Migration ${migration} dependencies reference nonexistent child node ${keyRepr(child)}`);
    }
    if (!this.has(parent)) {
      this.addDummyNode(parent, migration, `Migration ${migration} dependencies reference nonexistent parent node ${keyRepr(parent)}`);
    }
    const c = this.nodeMap.get(keyStr(child))!;
    const p = this.nodeMap.get(keyStr(parent))!;
    c.parents.add(p);
    p.children.add(c);
    if (!skipValidation) this.validateConsistency();
  }

  removeReplacedNodes(replacement: MigrationKey, replaced: MigrationKey[]): void {
    const replacedSet = new Set(replaced.map(keyStr));
    const replacementNode = this.nodeMap.get(keyStr(replacement));
    if (!replacementNode) {
      throw new NodeNotFoundError(
        `Unable to find replacement node ${keyRepr(replacement)}. It was either never added to the migration graph, or has been removed.`,
        replacement,
      );
    }
    for (const rk of replacedSet) {
      this.nodes.delete(rk);
      const replacedNode = this.nodeMap.get(rk);
      this.nodeMap.delete(rk);
      if (!replacedNode) continue;
      for (const child of replacedNode.children) {
        child.parents.delete(replacedNode);
        if (!replacedSet.has(keyStr(child.key))) {
          replacementNode.children.add(child);
          child.parents.add(replacementNode);
        }
      }
      for (const parent of replacedNode.parents) {
        parent.children.delete(replacedNode);
        if (!replacedSet.has(keyStr(parent.key))) {
          replacementNode.parents.add(parent);
          parent.children.add(replacementNode);
        }
      }
    }
  }

  removeReplacementNode(replacement: MigrationKey, replaced: MigrationKey[]): void {
    const rk = keyStr(replacement);
    this.nodes.delete(rk);
    const replacementNode = this.nodeMap.get(rk);
    if (!replacementNode) {
      throw new NodeNotFoundError(
        `Unable to remove replacement node ${keyRepr(replacement)}. It was either never added to the migration graph, or has been removed already.`,
        replacement,
      );
    }
    this.nodeMap.delete(rk);
    const replacedNodes = new Set<Node>();
    const replacedParents = new Set<Node>();
    for (const key of replaced) {
      const n = this.nodeMap.get(keyStr(key));
      if (n) {
        replacedNodes.add(n);
        for (const p of n.parents) replacedParents.add(p);
      }
    }
    for (const p of replacedParents) replacedNodes.delete(p);
    for (const child of replacementNode.children) {
      child.parents.delete(replacementNode);
      for (const r of replacedNodes) {
        r.children.add(child);
        child.parents.add(r);
      }
    }
    for (const parent of replacementNode.parents) parent.children.delete(replacementNode);
  }

  validateConsistency(): void {
    for (const n of this.nodeMap.values()) if (n instanceof DummyNode) n.raiseError();
  }

  forwardsPlan(target: MigrationKey): MigrationKey[] {
    if (!this.has(target)) throw new NodeNotFoundError(`Node ${keyRepr(target)} not a valid node`, target);
    return this.iterativeDfs(this.nodeMap.get(keyStr(target))!, true);
  }

  backwardsPlan(target: MigrationKey): MigrationKey[] {
    if (!this.has(target)) throw new NodeNotFoundError(`Node ${keyRepr(target)} not a valid node`, target);
    return this.iterativeDfs(this.nodeMap.get(keyStr(target))!, false);
  }

  private iterativeDfs(start: Node, forwards: boolean): MigrationKey[] {
    const visited: MigrationKey[] = [];
    const visitedSet = new Set<Node>();
    const stack: [Node, boolean][] = [[start, false]];
    while (stack.length) {
      const [node, processed] = stack.pop()!;
      if (visitedSet.has(node)) continue;
      if (processed) {
        visitedSet.add(node);
        visited.push(node.key);
      } else {
        stack.push([node, true]);
        const next = [...(forwards ? node.parents : node.children)].sort((a, b) => compareKeys(a.key, b.key));
        for (const n of next) stack.push([n, false]);
      }
    }
    return visited;
  }

  rootNodes(app?: string): MigrationKey[] {
    const roots: MigrationKey[] = [];
    for (const key of this.nodeKeys()) {
      const node = this.nodeMap.get(keyStr(key))!;
      if ([...node.parents].every((p) => p.key[0] !== key[0]) && (!app || app === key[0])) roots.push(key);
    }
    return roots.sort(compareKeys);
  }

  leafNodes(app?: string): MigrationKey[] {
    const leaves: MigrationKey[] = [];
    for (const key of this.nodeKeys()) {
      const node = this.nodeMap.get(keyStr(key))!;
      if ([...node.children].every((c) => c.key[0] !== key[0]) && (!app || app === key[0])) leaves.push(key);
    }
    return leaves.sort(compareKeys);
  }

  ensureNotCyclic(): void {
    const todo = new Set(this.nodes.keys());
    while (todo.size) {
      const first = todo.values().next().value as string;
      todo.delete(first);
      const stack: string[] = [first];
      while (stack.length) {
        const top = stack[stack.length - 1];
        let pushed = false;
        for (const child of this.nodeMap.get(top)!.children) {
          const ck = keyStr(child.key);
          const idx = stack.indexOf(ck);
          if (idx >= 0) {
            const cycle = stack.slice(idx).map((k) => this.keys.get(k)!);
            throw CircularDependencyError(cycle.map((n) => `${n[0]}.${n[1]}`).join(', '));
          }
          if (todo.has(ck)) {
            stack.push(ck);
            todo.delete(ck);
            pushed = true;
            break;
          }
        }
        if (!pushed) stack.pop();
      }
    }
  }

  private generatePlan(nodes: MigrationKey[], atEnd: boolean): MigrationKey[] {
    const plan: MigrationKey[] = [];
    const inPlan = new Set<string>();
    const targetSet = new Set(nodes.map(keyStr));
    for (const node of nodes) {
      for (const m of this.forwardsPlan(node)) {
        const k = keyStr(m);
        if (!inPlan.has(k) && (atEnd || !targetSet.has(k))) {
          plan.push(m);
          inPlan.add(k);
        }
      }
    }
    return plan;
  }

  /** The ProjectState after (or, with atEnd false, before) the given nodes; `empty` makes a fresh state. */
  makeState<S>(empty: () => S, nodes?: MigrationKey[] | MigrationKey, atEnd = true): S {
    let list: MigrationKey[];
    if (nodes === undefined) list = this.leafNodes();
    else if (nodes.length === 2 && typeof nodes[0] === 'string') list = [nodes as MigrationKey];
    else list = nodes as MigrationKey[];
    let state = empty();
    if (!list.length) return state;
    for (const key of this.generatePlan(list, atEnd)) {
      state = this.get(key)!.mutateState(state, false) as S;
    }
    return state;
  }
}
