// django.core.validators: validator classes (deconstructible, callable) and validate_* functions.

import { PyBuiltin, type PyClass } from '../python/values';
import { builtin } from '../utils/py';
import { deconstructibleClass } from '../utils/deconstruct';

const MOD = 'django.core.validators';

const names = [
  'RegexValidator',
  'URLValidator',
  'EmailValidator',
  'BaseValidator',
  'MaxValueValidator',
  'MinValueValidator',
  'MaxLengthValidator',
  'MinLengthValidator',
  'DecimalValidator',
  'FileExtensionValidator',
  'ProhibitNullCharactersValidator',
  'StepValueValidator',
  'DomainNameValidator',
];

export const VALIDATOR_CLASSES = new Map<string, PyClass>();
for (const n of names) VALIDATOR_CLASSES.set(n, deconstructibleClass(n, MOD, { callable: true }));

function fn(name: string): PyBuiltin {
  return builtin(name, MOD, () => null);
}

export const VALIDATOR_FUNCTIONS: Record<string, PyBuiltin> = {
  validate_email: fn('validate_email'),
  validate_slug: fn('validate_slug'),
  validate_unicode_slug: fn('validate_unicode_slug'),
  validate_ipv4_address: fn('validate_ipv4_address'),
  validate_ipv6_address: fn('validate_ipv6_address'),
  validate_ipv46_address: fn('validate_ipv46_address'),
  validate_comma_separated_integer_list: fn('validate_comma_separated_integer_list'),
  validate_integer: fn('validate_integer'),
  validate_image_file_extension: fn('validate_image_file_extension'),
  int_list_validator: fn('int_list_validator'),
};

export const UnicodeUsernameValidator = deconstructibleClass('UnicodeUsernameValidator', 'django.contrib.auth.validators', { callable: true });
export const ASCIIUsernameValidator = deconstructibleClass('ASCIIUsernameValidator', 'django.contrib.auth.validators', { callable: true });
