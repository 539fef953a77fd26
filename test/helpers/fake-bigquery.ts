import type { BigQueryClient, Statement } from "../../src/metadata/client";

/** Records every statement instead of running it. */
export class FakeBigQuery implements BigQueryClient {
  readonly statements: Statement[] = [];

  async query(statement: Statement): Promise<unknown[]> {
    this.statements.push(statement);
    return [];
  }
}

/** Every string a statement carries: its text and its parameter values. */
export function statementText(statements: readonly Statement[]): string {
  return JSON.stringify(statements.map((statement) => [statement.query, statement.params]));
}
