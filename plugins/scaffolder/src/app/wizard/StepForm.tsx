import { useMemo, useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Form from '@rjsf/mui';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { JsonObject } from '@portal/catalog-model';
import { fieldExtensions, formFields } from '../form/fields/index.js';
import { createFieldExtensionValidator } from '../form/fieldValidation.js';
import { replaceUnknownFields } from '../form/unknownFields.js';
import { formValidator } from '../form/validator.js';

export interface StepFormProps {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  /** The step's data when it opens; the form owns it from then on. */
  formData: JsonObject;
  onChange: (formData: JsonObject) => void;
  /** Called with the step's data once it passes validation. */
  onNext: (formData: JsonObject) => void;
  onBack?: () => void;
  nextLabel: string;
}

/** One parameter page of the wizard: the step's schema as a form, validated before "Next". */
export function StepForm({ schema, uiSchema, formData, onChange, onNext, onBack, nextLabel }: StepFormProps) {
  // rjsf keeps the step's state itself; feeding each change back in as a new prop makes it
  // re-derive defaults and conditional sections on every keystroke, and loses some of them.
  const [initialData] = useState(formData);
  const customValidate = useMemo(() => createFieldExtensionValidator(uiSchema), [uiSchema]);
  // The step's own title and description are shown by the wizard's stepper, not again by the form.
  const formUiSchema = useMemo<UiSchema>(
    () => ({
      ...replaceUnknownFields(uiSchema, new Set(Object.keys(fieldExtensions))),
      'ui:title': '',
      'ui:description': '',
      'ui:submitButtonOptions': { norender: true },
    }),
    [uiSchema],
  );
  return (
    <Form
      schema={schema}
      uiSchema={formUiSchema}
      formData={initialData}
      validator={formValidator}
      fields={formFields}
      customValidate={customValidate}
      showErrorList={false}
      noHtml5Validate
      focusOnFirstError
      onChange={event => onChange((event.formData ?? {}) as JsonObject)}
      onSubmit={event => onNext((event.formData ?? {}) as JsonObject)}
    >
      <Stack direction="row" spacing={1} sx={{ mt: 3 }}>
        <Button onClick={onBack} disabled={!onBack}>
          Back
        </Button>
        <Button type="submit" variant="contained">
          {nextLabel}
        </Button>
      </Stack>
    </Form>
  );
}
