// Discovery documents (RFC 7644 §4): what this provider supports, generated from the schema.
import { SERVICE_PROVIDER_CONFIG_SCHEMA } from '../../contracts/provisioning-activity.ts';
import { notFound } from './scim-errors.ts';
import type { JsonObject, JsonValue } from './scim-json.ts';
import { listResponse } from './scim-list.ts';
import { MAX_RESULTS } from './scim-query.ts';
import {
  type AttributeDefinition,
  enterpriseUserSchemaDefinition,
  groupResourceSchema,
  groupSchemaDefinition,
  type ResourceSchema,
  type SchemaDefinition,
  userResourceSchema,
  userSchemaDefinition,
} from './scim-schema-definitions.ts';

const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export function serviceProviderConfig(baseUrl: string): JsonObject {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'The SCIM token of a provisioning configuration, sent as Authorization: Bearer <token>',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${baseUrl}/ServiceProviderConfig`,
    },
  };
}

const resourceTypes: Record<
  string,
  { schema: ResourceSchema; endpoint: string; description: string }
> = {
  User: { schema: userResourceSchema, endpoint: '/Users', description: 'Organization member' },
  Group: { schema: groupResourceSchema, endpoint: '/Groups', description: 'Group of members' },
};

function resourceType(name: string, baseUrl: string): JsonObject {
  const type = resourceTypes[name];
  if (!type) throw notFound(`Resource type ${name} not found`);
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: name,
    name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema.core.id,
    schemaExtensions: type.schema.extensions.map((extension) => ({
      schema: extension.id,
      required: false,
    })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${name}` },
  };
}

export function listResourceTypes(baseUrl: string): JsonObject {
  const resources = Object.keys(resourceTypes).map((name) => resourceType(name, baseUrl));
  return listResponse(resources, resources.length, 1);
}

export function getResourceType(name: string, baseUrl: string): JsonObject {
  return resourceType(name, baseUrl);
}

function describeAttribute(definition: AttributeDefinition): JsonObject {
  const described: JsonObject = {
    name: definition.name,
    type: definition.type,
    multiValued: definition.multiValued,
    description: definition.description,
    required: definition.required,
  };
  if (definition.type === 'string' || definition.type === 'reference') {
    described.caseExact = definition.caseExact;
  }
  if (definition.canonicalValues && definition.canonicalValues.length > 0) {
    described.canonicalValues = [...definition.canonicalValues];
  }
  if (definition.referenceTypes) described.referenceTypes = [...definition.referenceTypes];
  described.mutability = definition.mutability;
  described.returned = definition.returned;
  described.uniqueness = definition.uniqueness;
  if (definition.subAttributes) {
    described.subAttributes = definition.subAttributes.map(describeAttribute) as JsonValue[];
  }
  return described;
}

const schemaDefinitions: readonly SchemaDefinition[] = [
  userSchemaDefinition,
  enterpriseUserSchemaDefinition,
  groupSchemaDefinition,
];

function describeSchema(definition: SchemaDefinition, baseUrl: string): JsonObject {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: definition.id,
    name: definition.name,
    description: definition.description,
    attributes: definition.attributes.map(describeAttribute),
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${definition.id}` },
  };
}

export function listSchemas(baseUrl: string): JsonObject {
  const resources = schemaDefinitions.map((definition) => describeSchema(definition, baseUrl));
  return listResponse(resources, resources.length, 1);
}

export function getSchema(urn: string, baseUrl: string): JsonObject {
  const definition = schemaDefinitions.find(
    (candidate) => candidate.id.toLowerCase() === urn.toLowerCase(),
  );
  if (!definition) throw notFound(`Schema ${urn} not found`);
  return describeSchema(definition, baseUrl);
}
