import { RELATION_PAIRS, stringifyEntityRef, type Entity } from '@portal/catalog-model';
import { catalogApi } from '../api.js';

export interface GraphNode {
  ref: string;
  kind: string;
  name: string;
  title?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  type: string;
}

/** Each relation pair drawn once, in the direction of its first type (ownedBy, dependsOn, …). */
const forwardOf = new Map<string, { type: string; flip: boolean }>(
  RELATION_PAIRS.flatMap(([forward, backward]) => [
    [forward, { type: forward, flip: false }],
    [backward, { type: forward, flip: true }],
  ]),
);

const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'relations'];
export const MAX_GRAPH_NODES = 150;

/**
 * The entities within `depth` relations of the root, read breadth-first a level at a time with
 * by-refs. Stops adding nodes at MAX_GRAPH_NODES so the drawing stays readable.
 */
export async function loadEntityGraph(
  root: Entity,
  depth: number,
  types?: ReadonlySet<string>,
): Promise<{ nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean }> {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const rootRef = stringifyEntityRef(root);
  let truncated = false;
  let frontier: Entity[] = [root];
  const addNode = (e: Entity) => {
    const ref = stringifyEntityRef(e);
    nodes.set(ref, { ref, kind: e.kind, name: e.metadata.name, title: e.metadata.title });
  };
  addNode(root);
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const next = new Set<string>();
    for (const entity of frontier) {
      const source = stringifyEntityRef(entity);
      for (const relation of entity.relations ?? []) {
        const forward = forwardOf.get(relation.type) ?? { type: relation.type, flip: false };
        if (types && !types.has(forward.type)) continue;
        const target = relation.targetRef;
        if (!nodes.has(target)) {
          if (nodes.size + next.size >= MAX_GRAPH_NODES) {
            truncated = true;
            continue;
          }
          next.add(target);
        }
        const [from, to] = forward.flip ? [target, source] : [source, target];
        edges.set(`${from} ${forward.type} ${to}`, { from, to, type: forward.type });
      }
    }
    const refs = [...next].filter(r => !nodes.has(r));
    const found = refs.length > 0 ? (await catalogApi.getEntitiesByRefs(refs, FIELDS)).items : [];
    frontier = [];
    refs.forEach((ref, i) => {
      const entity = found[i];
      if (entity) {
        addNode(entity);
        frontier.push(entity);
      } else {
        // A relation to an entity the catalog does not have: drawn, but not followed.
        const [kind = '', rest = ref] = ref.split(':');
        nodes.set(ref, { ref, kind, name: rest.split('/').pop() ?? rest });
      }
    });
  }
  // Edges to nodes left out at the limit are dropped with them.
  const kept = [...edges.values()].filter(e => nodes.has(e.from) && nodes.has(e.to));
  return { nodes: [...nodes.values()].sort((a, b) => (a.ref === rootRef ? -1 : b.ref === rootRef ? 1 : 0)), edges: kept, truncated };
}
