import type { RegistryFieldsType } from '@rjsf/utils';
import { EntityPickerField, OwnedEntityPickerField, OwnerPickerField } from './EntityPickerField.js';
import { EntityTagsPickerField } from './EntityTagsPickerField.js';
import { RepoUrlPickerField } from './RepoUrlPickerField.js';
import { EntityNamePickerField, SecretField } from './TextFields.js';

/** Backstage's field extensions, by the names templates use in `ui:field`. */
export const fieldExtensions: RegistryFieldsType = {
  EntityPicker: EntityPickerField,
  OwnerPicker: OwnerPickerField,
  OwnedEntityPicker: OwnedEntityPickerField,
  EntityNamePicker: EntityNamePickerField,
  EntityTagsPicker: EntityTagsPickerField,
  RepoUrlPicker: RepoUrlPickerField,
  Secret: SecretField,
};
