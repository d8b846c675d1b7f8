import type { RegistryFieldsType } from '@rjsf/utils';
import { EntityPickerField, MultiEntityPickerField, OwnedEntityPickerField, OwnerPickerField } from './EntityPickerField.js';
import { EntityTagsPickerField } from './EntityTagsPickerField.js';
import { RepoUrlPickerField } from './RepoUrlPickerField.js';
import { EntityNamePickerField, SecretField } from './TextFields.js';
import { UnknownFieldExtension } from './UnknownField.js';
import { UNKNOWN_FIELD } from '../unknownFields.js';

/** Backstage's field extensions, by the names templates use in `ui:field`. */
export const fieldExtensions: RegistryFieldsType = {
  EntityPicker: EntityPickerField,
  MultiEntityPicker: MultiEntityPickerField,
  OwnerPicker: OwnerPickerField,
  OwnedEntityPicker: OwnedEntityPickerField,
  EntityNamePicker: EntityNamePickerField,
  EntityTagsPicker: EntityTagsPickerField,
  RepoUrlPicker: RepoUrlPickerField,
  Secret: SecretField,
};

/** The extensions above, and the stand-in for any other `ui:field` (see replaceUnknownFields). */
export const formFields: RegistryFieldsType = { ...fieldExtensions, [UNKNOWN_FIELD]: UnknownFieldExtension };
