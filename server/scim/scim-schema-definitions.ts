// The attributes this endpoint supports, per RFC 7643. One description drives /Schemas, input
// validation, attribute-name resolution in filters and PATCH paths, and `attributes=` projection.

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'reference'
  | 'complex';

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  canonicalValues?: readonly string[];
  referenceTypes?: readonly string[];
  subAttributes?: readonly AttributeDefinition[];
}

export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: readonly AttributeDefinition[];
}

/** A resource type's core schema, its extensions and the common attributes (id, externalId, meta). */
export interface ResourceSchema {
  resourceType: 'User' | 'Group';
  core: SchemaDefinition;
  extensions: readonly SchemaDefinition[];
  common: readonly AttributeDefinition[];
}

type Options = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description'>>;

function attribute(
  name: string,
  type: AttributeType,
  description: string,
  options: Options = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

const str = (name: string, description: string, options: Options = {}) =>
  attribute(name, 'string', description, options);

/** The value/display/type/primary shape shared by emails, phone numbers, roles… */
function multiValuedStrings(
  name: string,
  description: string,
  canonicalTypes: readonly string[],
): AttributeDefinition {
  return attribute(name, 'complex', description, {
    multiValued: true,
    subAttributes: [
      str('value', `The ${name} value.`),
      str('display', 'A human-readable name, primarily used for display purposes.', {
        mutability: 'readWrite',
      }),
      str('type', 'A label indicating the function of the value.', {
        canonicalValues: canonicalTypes,
      }),
      attribute('primary', 'boolean', 'Whether this is the primary value of the attribute.'),
    ],
  });
}

const userAttributes: readonly AttributeDefinition[] = [
  str('userName', 'Unique identifier for the user, typically the sign-in name or email.', {
    required: true,
    uniqueness: 'server',
  }),
  attribute('name', 'complex', "The components of the user's real name.", {
    subAttributes: [
      str('formatted', 'The full name, formatted for display.'),
      str('familyName', 'The family name, or last name.'),
      str('givenName', 'The given name, or first name.'),
      str('middleName', 'The middle name(s).'),
      str('honorificPrefix', 'The honorific prefix(es), e.g. "Ms.".'),
      str('honorificSuffix', 'The honorific suffix(es), e.g. "III".'),
    ],
  }),
  str('displayName', 'The name of the user, suitable for display to end-users.'),
  str('nickName', 'The casual way to address the user.'),
  attribute('profileUrl', 'reference', "A URI pointing to the user's online profile.", {
    referenceTypes: ['external'],
  }),
  str('title', 'The user\'s title, such as "Vice President".'),
  str('userType', 'The relationship between the organization and the user.'),
  str('preferredLanguage', "The user's preferred written or spoken language."),
  str('locale', "The user's default location for localization."),
  str('timezone', "The user's time zone in IANA format."),
  attribute('active', 'boolean', "The user's administrative status; false suspends the member."),
  str('password', 'Accepted and discarded: sign-in goes through single sign-on.', {
    mutability: 'writeOnly',
    returned: 'never',
  }),
  multiValuedStrings('emails', 'Email addresses for the user.', ['work', 'home', 'other']),
  multiValuedStrings('phoneNumbers', 'Phone numbers for the user.', [
    'work',
    'home',
    'mobile',
    'fax',
    'pager',
    'other',
  ]),
  multiValuedStrings('ims', 'Instant messaging addresses for the user.', ['aim', 'xmpp', 'skype']),
  multiValuedStrings('photos', 'URLs of photos of the user.', ['photo', 'thumbnail']),
  attribute('addresses', 'complex', 'Physical mailing addresses for the user.', {
    multiValued: true,
    subAttributes: [
      str('formatted', 'The full mailing address, formatted for display.'),
      str('streetAddress', 'The full street address component.'),
      str('locality', 'The city or locality component.'),
      str('region', 'The state or region component.'),
      str('postalCode', 'The zip code or postal code component.'),
      str('country', 'The country name component (ISO 3166-1 alpha-2).'),
      str('type', 'A label indicating the function of the address.', {
        canonicalValues: ['work', 'home', 'other'],
      }),
      attribute('primary', 'boolean', 'Whether this is the primary address.'),
    ],
  }),
  attribute('groups', 'complex', 'The groups the user belongs to, maintained through /Groups.', {
    multiValued: true,
    mutability: 'readOnly',
    subAttributes: [
      str('value', 'The id of the group.', { mutability: 'readOnly' }),
      attribute('$ref', 'reference', 'The URI of the group.', {
        mutability: 'readOnly',
        referenceTypes: ['Group'],
      }),
      str('display', 'The display name of the group.', { mutability: 'readOnly' }),
      str('type', 'How the membership is derived.', {
        mutability: 'readOnly',
        canonicalValues: ['direct'],
      }),
    ],
  }),
  multiValuedStrings('entitlements', 'Entitlements of the user.', []),
  multiValuedStrings('roles', 'Roles of the user, as the identity provider names them.', []),
];

const enterpriseUserAttributes: readonly AttributeDefinition[] = [
  str('employeeNumber', 'Numeric or alphanumeric identifier assigned to the person.'),
  str('costCenter', 'Name of a cost center.'),
  str('organization', 'Name of an organization.'),
  str('division', 'Name of a division.'),
  str('department', 'Name of a department.'),
  attribute('manager', 'complex', "The user's manager.", {
    subAttributes: [
      str('value', 'The id of the manager.'),
      attribute('$ref', 'reference', 'The URI of the manager.', { referenceTypes: ['User'] }),
      str('displayName', 'The display name of the manager.', { mutability: 'readOnly' }),
    ],
  }),
];

const groupAttributes: readonly AttributeDefinition[] = [
  str('displayName', 'A human-readable name for the group.', { required: true }),
  attribute('members', 'complex', 'Users in the group (nested groups are not supported).', {
    multiValued: true,
    subAttributes: [
      str('value', 'The id of the member.', { mutability: 'immutable', caseExact: true }),
      attribute('$ref', 'reference', 'The URI of the member.', {
        mutability: 'immutable',
        referenceTypes: ['User'],
      }),
      str('display', 'The display name of the member.', { mutability: 'readOnly' }),
      str('type', 'The type of the member.', {
        mutability: 'immutable',
        canonicalValues: ['User'],
      }),
    ],
  }),
];

const commonAttributes: readonly AttributeDefinition[] = [
  str('id', 'Unique identifier of the resource, issued by this service provider.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  str('externalId', 'The identifier the identity provider gives the resource.', {
    caseExact: true,
  }),
  attribute('meta', 'complex', 'Resource metadata.', {
    mutability: 'readOnly',
    subAttributes: [
      str('resourceType', 'The resource type.', { caseExact: true, mutability: 'readOnly' }),
      attribute('created', 'dateTime', 'When the resource was added.', {
        mutability: 'readOnly',
      }),
      attribute('lastModified', 'dateTime', 'When the resource was last changed.', {
        mutability: 'readOnly',
      }),
      attribute('location', 'reference', 'The URI of the resource.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
    ],
  }),
];

export const userSchemaDefinition: SchemaDefinition = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User account',
  attributes: userAttributes,
};

export const enterpriseUserSchemaDefinition: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise user',
  attributes: enterpriseUserAttributes,
};

export const groupSchemaDefinition: SchemaDefinition = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: groupAttributes,
};

export const userResourceSchema: ResourceSchema = {
  resourceType: 'User',
  core: userSchemaDefinition,
  extensions: [enterpriseUserSchemaDefinition],
  common: commonAttributes,
};

export const groupResourceSchema: ResourceSchema = {
  resourceType: 'Group',
  core: groupSchemaDefinition,
  extensions: [],
  common: commonAttributes,
};

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Attribute names are case-insensitive (RFC 7643 §2.1). */
export function findAttribute(
  attributes: readonly AttributeDefinition[],
  name: string,
): AttributeDefinition | undefined {
  return attributes.find((candidate) => sameName(candidate.name, name));
}

export function findExtension(schema: ResourceSchema, urn: string): SchemaDefinition | undefined {
  return schema.extensions.find((extension) => sameName(extension.id, urn));
}

export function isCoreSchema(schema: ResourceSchema, urn: string): boolean {
  return sameName(schema.core.id, urn);
}
