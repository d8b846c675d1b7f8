/**
 * A small organisation in Backstage's catalog format: the logistics department and its
 * fulfilment team, and the shipping system they run. Two repositories: `people` holds the Groups
 * and Users (registered as a trusted location, as an organisation's directory is), `shipping`
 * holds everything else behind a Location entity that names its other files.
 *
 * Several spec lists are written out of alphabetical order on purpose: Backstage answers lists of
 * refs sorted, whatever order the file gives them in.
 */

export const PEOPLE_FILES: Record<string, string> = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: logistics
  title: Logistics
  description: Moving parcels from the warehouse to the customer's door.
spec:
  type: department
  profile:
    displayName: Logistics
    email: logistics@acme.example
  children: [fulfilment]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: fulfilment
  title: Fulfilment
  description: Builds and runs the shipping system.
spec:
  type: team
  profile:
    displayName: Fulfilment
    email: fulfilment@acme.example
  parent: logistics
  children: []
  members: [mae.jemison, alan.turing]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: mae.jemison
spec:
  profile:
    displayName: Mae Jemison
    email: mae.jemison@acme.example
  memberOf: [logistics, fulfilment]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: alan.turing
spec:
  profile:
    displayName: Alan Turing
    email: alan.turing@acme.example
  memberOf: [fulfilment]
`,
};

export const SHIPPING_FILES: Record<string, string> = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: shipping
  description: The shipping system - tracking, carriers and labels.
spec:
  targets:
    - ./system.yaml
    - ./components.yaml
    - ./apis.yaml
---
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: delivery
  title: Delivery
  description: Everything that happens after an order is paid.
spec:
  owner: group:default/logistics
`,
  'system.yaml': `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: shipping
  description: Books carriers, prints labels and tells customers where their parcel is.
  tags: [logistics]
spec:
  owner: fulfilment
  domain: delivery
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: shipments-db
  description: PostgreSQL database of shipments and their tracking events.
spec:
  type: database
  owner: fulfilment
  system: shipping
  dependencyOf: [component:shipment-tracker, component:carrier-gateway]
`,
  'components.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shipment-tracker
  title: Shipment Tracker
  description: Follows every parcel through the carriers' networks.
  tags: [java, tracking]
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: production
  owner: fulfilment
  system: shipping
  providesApis: [tracking-api, shipment-events]
  dependsOn: [resource:shipments-db, component:carrier-gateway]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: carrier-gateway
  title: Carrier Gateway
  description: One interface to the carriers' booking and tracking APIs.
  tags: [go]
spec:
  type: service
  lifecycle: production
  owner: fulfilment
  system: shipping
  consumesApis: [shipment-events]
  dependsOn: [resource:shipments-db]
  dependencyOf: [component:shipment-tracker]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: label-printer
  title: Label Printer
  description: Prints shipping labels in the warehouses.
  tags: [python]
spec:
  type: service
  lifecycle: experimental
  owner: group:default/fulfilment
  system: shipping
  consumesApis: [tracking-api, shipment-events]
  dependsOn: [component:shipment-tracker]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shipping-web
  title: Track My Parcel
  description: The page customers open from their shipping email.
  tags: [typescript, react]
spec:
  type: website
  lifecycle: production
  owner: fulfilment
  system: shipping
  consumesApis: [tracking-api]
`,
  'apis.yaml': `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: tracking-api
  description: Where is a shipment, and where has it been.
spec:
  type: openapi
  lifecycle: production
  owner: fulfilment
  system: shipping
  definition: |
    openapi: 3.0.3
    info:
      title: Tracking API
      version: 1.4.0
    paths:
      /shipments/{id}/events:
        get:
          summary: The tracking events of one shipment
          parameters:
            - { name: id, in: path, required: true, schema: { type: string } }
          responses:
            '200': { description: The events, oldest first }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: shipment-events
  description: A shipment was booked, handed over, delayed or delivered.
spec:
  type: asyncapi
  lifecycle: production
  owner: fulfilment
  system: shipping
  definition: |
    asyncapi: 2.6.0
    info:
      title: Shipment events
      version: 2.0.0
    channels:
      shipments.events:
        subscribe:
          message:
            payload:
              type: object
              properties:
                shipmentId: { type: string }
                status: { type: string, enum: [booked, in-transit, delayed, delivered] }
`,
};

/** The shipping repository's entities (its Location entity aside), by ref. */
export const SHIPPING_REFS = {
  domain: 'domain:default/delivery',
  system: 'system:default/shipping',
  database: 'resource:default/shipments-db',
  tracker: 'component:default/shipment-tracker',
  gateway: 'component:default/carrier-gateway',
  printer: 'component:default/label-printer',
  web: 'component:default/shipping-web',
  trackingApi: 'api:default/tracking-api',
  eventsApi: 'api:default/shipment-events',
  location: 'location:default/shipping',
} as const;

export const PEOPLE_REFS = {
  department: 'group:default/logistics',
  team: 'group:default/fulfilment',
  mae: 'user:default/mae.jemison',
  alan: 'user:default/alan.turing',
} as const;

/** `count` Components of one namespace in one file, for paging past Backstage's default page size. */
export function manyComponents(namespace: string, count: number): string {
  return Array.from({ length: count }, (_, i) => {
    const name = `parcel-worker-${String(i + 1).padStart(3, '0')}`;
    return [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${name}`,
      `  namespace: ${namespace}`,
      'spec:',
      '  type: service',
      '  lifecycle: production',
      '  owner: group:default/fulfilment',
      '',
    ].join('\n');
  }).join('---\n');
}

/** One Component in its own namespace, for tests that change or delete what they registered. */
export function scratchComponent(name: string, namespace: string): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  type: service',
    '  lifecycle: experimental',
    '  owner: group:default/fulfilment',
    '',
  ].join('\n');
}
