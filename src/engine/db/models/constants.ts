// Sentinels and small shared constants of the model layer.

/** Django's NOT_PROVIDED: a field option that was not given. */
export const NOT_PROVIDED: unique symbol = Symbol('NOT_PROVIDED');
export type NotProvided = typeof NOT_PROVIDED;

export const LOOKUP_SEP = '__';
export const RECURSIVE_RELATIONSHIP_CONSTANT = 'self';
