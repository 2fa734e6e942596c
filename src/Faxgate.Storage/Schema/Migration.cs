namespace Faxgate.Storage.Schema;

/// <summary>
/// One step of the schema. Statements are portable DDL in which column types are written as tokens in braces
/// (<c>{id}</c>, <c>{bigint}</c>, <c>{int}</c>, <c>{bool}</c>, <c>{blob}</c>, <c>{text}</c>, <c>{varchar(N)}</c>) that each
/// dialect spells its own way. A migration once released never changes; a change is a new migration.
/// </summary>
public sealed record Migration(int Version, string Name, IReadOnlyList<string> Statements);
