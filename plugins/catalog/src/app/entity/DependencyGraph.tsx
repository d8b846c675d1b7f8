import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dagre from '@dagrejs/dagre';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useTheme } from '@mui/material/styles';
import { ErrorPanel, Progress } from '@portal/app-api';
import { stringifyEntityRef, type Entity } from '@portal/catalog-model';
import { entityRoute } from '../api.js';
import { loadEntityGraph, MAX_GRAPH_NODES, type GraphEdge, type GraphNode } from './loadEntityGraph.js';

const NODE_W = 180;
const NODE_H = 48;

function layout(nodes: GraphNode[], edges: GraphEdge[]) {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 90, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.ref, { width: NODE_W, height: NODE_H });
  for (const e of edges) g.setEdge(e.from, e.to, { label: e.type, width: e.type.length * 6.5, height: 14, labelpos: 'c' }, e.type);
  dagre.layout(g);
  const graph = g.graph();
  return {
    width: (graph.width ?? 0) + 32,
    height: (graph.height ?? 0) + 32,
    nodes: nodes.map(n => ({ ...n, ...(g.node(n.ref) as { x: number; y: number }) })),
    edges: edges.map(e => ({ ...e, ...(g.edge(e.from, e.to, e.type) as { points: Array<{ x: number; y: number }>; x: number; y: number }) })),
  };
}

/** Relations around the entity, `depth` steps out; a node opens that entity's graph. */
export function DependencyGraph({ entity }: { entity: Entity }) {
  const theme = useTheme();
  const navigate = useNavigate();
  const [depth, setDepth] = useState(1);
  const ref = stringifyEntityRef(entity);
  const graph = useQuery({ queryKey: ['catalog', 'graph', ref, depth], queryFn: () => loadEntityGraph(entity, depth) });
  const drawn = useMemo(() => (graph.data ? layout(graph.data.nodes, graph.data.edges) : undefined), [graph.data]);
  const open = (node: GraphNode) => navigate(`${entityRoute(node.ref)}/dependencies`);

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField select size="small" label="Depth" value={depth} onChange={e => setDepth(Number(e.target.value))} sx={{ width: 120 }}>
          {[1, 2, 3, 4].map(d => (
            <MenuItem key={d} value={d}>
              {d}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {graph.data?.truncated && <Alert severity="info">Only the first {MAX_GRAPH_NODES} entities are drawn; lower the depth to see everything.</Alert>}
      {graph.isError ? (
        <ErrorPanel error={graph.error} title="Could not load the relations" />
      ) : !drawn ? (
        <Progress label="Loading the graph" />
      ) : (
        <Paper variant="outlined" sx={{ overflow: 'auto', maxHeight: '75vh' }}>
          <Box
            component="svg"
            role="img"
            aria-label={`Relations of ${ref}`}
            width={drawn.width}
            height={drawn.height}
            viewBox={`0 0 ${drawn.width} ${drawn.height}`}
            sx={{ display: 'block' }}
          >
            <defs>
              <marker id="graph-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" fill={theme.palette.text.secondary} />
              </marker>
            </defs>
            {drawn.edges.map(e => (
              <g key={`${e.from} ${e.type} ${e.to}`}>
                <polyline
                  points={e.points.map(p => `${p.x},${p.y}`).join(' ')}
                  fill="none"
                  stroke={theme.palette.divider}
                  strokeWidth={1.5}
                  markerEnd="url(#graph-arrow)"
                />
                <text x={e.x} y={e.y} fontSize={11} textAnchor="middle" fill={theme.palette.text.secondary}>
                  {e.type}
                </text>
              </g>
            ))}
            {drawn.nodes.map(n => {
              const isRoot = n.ref === ref;
              return (
                <g
                  key={n.ref}
                  transform={`translate(${n.x - NODE_W / 2}, ${n.y - NODE_H / 2})`}
                  role="link"
                  tabIndex={0}
                  aria-label={`${n.kind} ${n.title ?? n.name}`}
                  data-ref={n.ref}
                  style={{ cursor: 'pointer' }}
                  onClick={() => open(n)}
                  onKeyDown={event => (event.key === 'Enter' || event.key === ' ') && open(n)}
                >
                  <rect
                    width={NODE_W}
                    height={NODE_H}
                    rx={8}
                    fill={isRoot ? theme.palette.primary.main : theme.palette.background.paper}
                    stroke={theme.palette.primary.main}
                  />
                  <text x={10} y={18} fontSize={10} fill={isRoot ? theme.palette.primary.contrastText : theme.palette.text.secondary}>
                    {n.kind}
                  </text>
                  <text x={10} y={36} fontSize={13} fontWeight={500} fill={isRoot ? theme.palette.primary.contrastText : theme.palette.text.primary}>
                    {(n.title ?? n.name).length > 24 ? `${(n.title ?? n.name).slice(0, 23)}…` : (n.title ?? n.name)}
                  </text>
                </g>
              );
            })}
          </Box>
        </Paper>
      )}
    </Stack>
  );
}
