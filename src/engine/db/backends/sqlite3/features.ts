// What the SQLite backend supports, as Django's DatabaseFeatures lists it (the flags the schema
// editor and the executor consult).

export class DatabaseFeatures {
  readonly canRollbackDdl = true;
  readonly requiresLiteralDefaults = true;
  readonly canAlterTableDropColumn = true;
  readonly canAlterTableRenameColumn = true;
  readonly supportsForeignKeys = true;
  readonly canRenameIndex = false;
  readonly supportsTableCheckConstraints = true;
  readonly supportsColumnCheckConstraints = true;
  readonly supportsPartialIndexes = true;
  readonly supportsCoveringIndexes = false;
  readonly supportsExpressionIndexes = true;
  readonly supportsDeferrableUniqueConstraints = false;
  readonly supportsNullsDistinctUniqueConstraints = false;
  readonly supportsComments = false;
  readonly supportsCommentsInline = false;
  readonly impliedColumnNull = false;
  readonly interpretsEmptyStringsAsNulls = false;
  readonly ignoresTableNameCase = true;
  readonly truncatesNames = false;
  readonly allowsMultipleConstraintsOnSameFields = true;
  readonly supportsTablespaces = false;
  readonly connectionPersistsOldColumns = false;
  readonly supportsStoredGeneratedColumns = true;
  readonly supportsVirtualGeneratedColumns = true;
}
