/**
 * The symbolic request of one tool: every value a call can carry, as solver variables created on
 * first use, constrained exactly as the gateway constrains them (the tool's input JSON Schema as
 * `checkArguments` reads it, the Cedar types of the generated schema, JSON numbers as safe
 * integers / 4-digit decimals, claims as String tags, a non-empty `sub`).
 */
import type { CedarType } from "@/lib/cedar/cedar-types";
import { NON_TAG_CLAIMS } from "@/lib/mcp/principal";
import { decimalBounds, enumValues, integerBounds, safeRegex, type JsonSchemaNode } from "./json-values";
import { and, FALSE, int, or, TRUE, type Term } from "./smt";

import type { Glob } from "./strings";

export type { JsonSchemaNode } from "./json-values";

export type Sym =
  | { kind: "Bool" | "Long" | "decimal" | "String"; t: Term }
  | { kind: "entity"; type: string; id: Term; of: EntityOrigin }
  | { kind: "set"; slots: Slot[] }
  | { kind: "record"; attr(name: string): Attr | null; names: string[] }
  | { kind: "opaque"; what: string };

export type EntityOrigin =
  | { kind: "principal" }
  | { kind: "action"; id: string }
  | { kind: "resource" }
  | { kind: "literal" }
  | { kind: "enum" }
  | { kind: "input"; attrs: Extract<Sym, { kind: "record" }>; tags?: (key: string) => Attr };

export interface Attr {
  present: Term;
  value: () => Sym;
}

export interface Slot {
  present: Term;
  value: Sym;
}


/** What the example builder needs to turn a model back into JSON arguments. */
export type InputNode =
  | { kind: "String"; name: string }
  | { kind: "Long" | "decimal" | "Bool"; name: string }
  | { kind: "enum"; name: string; values: string[] }
  | { kind: "set"; slots: Array<{ present: string; path: string }> }
  | { kind: "record"; presence: Map<string, string> }
  | { kind: "entity"; presence: Map<string, string>; tags: Map<string, { present: string; path: string }> };

export interface StringVar {
  name: string;
  /** Where the string goes in an example: an argument path, `principal.sub` or `tag:<key>`. */
  path: string;
  minLength: number;
  maxLength: number;
  pattern?: RegExp;
}

/** A fixed principal (a persona): the analysis then ranges over arguments only. */
export interface FixedPrincipal {
  sub: string;
  tags: Record<string, string>;
}

export interface ToolScope {
  tool: string;
  gatewayArn: string;
  principalKind: "OAuthUser" | "IamEntity";
  /** The tool's action groups, transitively (CallTool, Mcp). */
  actionAncestors: string[];
  inputType: CedarType;
  inputSchema: JsonSchemaNode;
  /** How many element slots a set argument gets: one more than the set queries of the policies. */
  setSlots: number;
  principal?: FixedPrincipal;
}


export class Literals {
  readonly list: string[] = [];
  /** Codes of strings the policies compare values with (not entity ids such as the gateway's ARN). */
  readonly values = new Set<number>();
  private readonly codes = new Map<string, number>();

  code(s: string, isValue = false): Term {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.list.length;
      this.list.push(s);
      this.codes.set(s, c);
    }
    if (isValue) this.values.add(c);
    return int(c);
  }

  has(s: string): boolean {
    return this.codes.has(s);
  }
}

export class Domain {
  readonly literals = new Literals();
  readonly decls: string[] = [];
  readonly axioms: Term[] = [];
  readonly strings: StringVar[] = [];
  readonly patterns = new Map<string, { fn: string; glob: Glob }>();
  /** The like patterns applied to each string variable (by variable name). */
  readonly likeUses = new Map<string, Set<string>>();
  readonly nodes = new Map<string, InputNode>();
  /** Bool variables standing for sub-expressions outside the encoded subset, by construct. */
  readonly abstractions = new Map<string, { value: string; error: string; construct: string }>();
  readonly principalTags = new Map<string, { present: Term; value: Sym }>();
  private count = 0;
  private principalId?: Sym;
  private input?: Sym;

  constructor(readonly scope: ToolScope) {}

  fresh(prefix: string, sort: "Int" | "Bool"): string {
    const name = `${prefix}${this.count++}`;
    this.decls.push(`(declare-const ${name} ${sort})`);
    return name;
  }

  /** `term like glob`; remembers which string variables each pattern is applied to. */
  like(glob: Glob, term: Term): Term {
    const fn = this.likeFn(glob);
    for (const v of term.match(/\bs\d+\b/g) ?? []) {
      if (!this.likeUses.has(v)) this.likeUses.set(v, new Set());
      this.likeUses.get(v)!.add(fn);
    }
    return `(${fn} ${term})`;
  }

  private likeFn(glob: Glob): string {
    const key = JSON.stringify(glob);
    let p = this.patterns.get(key);
    if (!p) {
      p = { fn: `like${this.patterns.size}`, glob };
      this.patterns.set(key, p);
      this.decls.push(`(declare-fun ${p.fn} (Int) Bool)`);
    }
    return p.fn;
  }

  principalIdValue(): Sym {
    if (this.principalId) return this.principalId;
    const fixed = this.scope.principal;
    if (fixed) this.principalId = { kind: "String", t: this.literals.code(fixed.sub, true) };
    else this.principalId = { kind: "String", t: this.stringVar("principal.sub", { minLength: 1, maxLength: 512 }) };
    return this.principalId;
  }

  /** A principal tag read by a policy: whether the token carries the claim, and its value. */
  principalTag(key: string): { present: Term; value: Sym } {
    let tag = this.principalTags.get(key);
    if (tag) return tag;
    const fixed = this.scope.principal;
    if (this.scope.principalKind === "IamEntity" || NON_TAG_CLAIMS.has(key)) tag = { present: FALSE, value: { kind: "String", t: int(0) } };
    else if (fixed) tag = key in fixed.tags ? { present: TRUE, value: { kind: "String", t: this.literals.code(fixed.tags[key], true) } } : { present: FALSE, value: { kind: "String", t: int(0) } };
    else tag = { present: this.fresh("tp", "Bool"), value: { kind: "String", t: this.stringVar(`tag:${key}`, { minLength: 0, maxLength: Infinity }) } };
    this.principalTags.set(key, tag);
    return tag;
  }

  inputValue(): Sym {
    this.input ??= this.valueOf("", this.scope.inputType, this.scope.inputSchema);
    return this.input;
  }

  private stringVar(path: string, c: { minLength: number; maxLength: number; pattern?: RegExp }): string {
    const name = this.fresh("s", "Int");
    this.axioms.push(`(>= ${name} 0)`);
    this.strings.push({ name, path, ...c });
    return name;
  }

  private valueOf(path: string, t: CedarType, schema: JsonSchemaNode | undefined): Sym {
    switch (t.kind) {
      case "String": {
        const minLength = typeof schema?.minLength === "number" ? schema.minLength : 0;
        const maxLength = typeof schema?.maxLength === "number" ? schema.maxLength : Infinity;
        const pattern = typeof schema?.pattern === "string" ? safeRegex(schema.pattern) : undefined;
        const name = this.stringVar(path, { minLength, maxLength, pattern });
        this.nodes.set(path, { kind: "String", name });
        return { kind: "String", t: name };
      }
      case "Long": {
        const name = this.fresh("n", "Int");
        this.axioms.push(...integerBounds(name, schema));
        this.nodes.set(path, { kind: "Long", name });
        return { kind: "Long", t: name };
      }
      case "Bool": {
        const name = this.fresh("b", "Bool");
        const allowed = enumValues(schema)?.filter((v): v is boolean => typeof v === "boolean");
        if (allowed) this.axioms.push(or(...allowed.map((v) => (v ? name : `(not ${name})`))));
        this.nodes.set(path, { kind: "Bool", name });
        return { kind: "Bool", t: name };
      }
      case "extension": {
        if (t.name !== "decimal") return { kind: "opaque", what: `${t.name} values` };
        const name = this.fresh("d", "Int");
        this.axioms.push(...decimalBounds(name, schema));
        this.nodes.set(path, { kind: "decimal", name });
        return { kind: "decimal", t: name };
      }
      case "enum": {
        const name = this.fresh("e", "Int");
        this.axioms.push(or(...t.values.map((v) => `(= ${name} ${this.literals.code(v, true)})`)));
        this.nodes.set(path, { kind: "enum", name, values: t.values });
        return { kind: "entity", type: t.entityType, id: name, of: { kind: "enum" } };
      }
      case "set": {
        const items = schema && typeof schema.items === "object" && !Array.isArray(schema.items) ? (schema.items as JsonSchemaNode) : undefined;
        const slots: Slot[] = [];
        const info: Array<{ present: string; path: string }> = [];
        for (let i = 0; i < this.scope.setSlots; i++) {
          const present = this.fresh("m", "Bool");
          const at = `${path}[${i}]`;
          slots.push({ present, value: this.valueOf(at, t.element, items) });
          info.push({ present, path: at });
        }
        const presentFlags = info.map((s) => s.present);
        if (typeof schema?.minItems === "number" && schema.minItems >= 1) this.axioms.push(or(...presentFlags));
        if (typeof schema?.maxItems === "number") this.axioms.push(schema.maxItems <= 0 ? and(...presentFlags.map((p) => `(not ${p})`)) : `((_ at-most ${schema.maxItems}) ${presentFlags.join(" ")} false)`);
        this.nodes.set(path, { kind: "set", slots: info });
        return { kind: "set", slots };
      }
      case "record":
        return this.recordOf(path, t.attributes, schema, "record");
      case "entity": {
        const attrs = this.recordOf(path, t.attributes, schema, "entity") as Extract<Sym, { kind: "record" }>;
        const id = this.literals.code(path ? `input.${path}` : "input");
        const tagType = t.tags;
        const tags = tagType ? this.entityTags(path, tagType, schema) : undefined;
        return { kind: "entity", type: t.entityType, id, of: { kind: "input", attrs, tags } };
      }
      case "opaque":
        return { kind: "opaque", what: `${t.name} values` };
    }
  }

  private recordOf(path: string, attributes: Record<string, { type: CedarType; required: boolean }>, schema: JsonSchemaNode | undefined, kind: "record" | "entity"): Sym {
    const presence = new Map<string, string>();
    const cache = new Map<string, Attr>();
    const node: InputNode = kind === "record" ? { kind: "record", presence } : { kind: "entity", presence, tags: new Map() };
    this.nodes.set(path, node);
    return {
      kind: "record",
      names: Object.keys(attributes),
      attr: (name) => {
        const a = attributes[name];
        if (!a) return null;
        let out = cache.get(name);
        if (!out) {
          const present = a.required ? TRUE : this.fresh("p", "Bool");
          if (present !== TRUE) presence.set(name, present);
          let value: Sym | undefined;
          const at = path ? `${path}.${name}` : name;
          out = { present, value: () => (value ??= this.valueOf(at, a.type, propertySchema(schema, name))) };
          cache.set(name, out);
        }
        return out;
      },
    };
  }

  private entityTags(path: string, tagType: CedarType, schema: JsonSchemaNode | undefined): (key: string) => Attr {
    const node = this.nodes.get(path) as Extract<InputNode, { kind: "entity" }>;
    const cache = new Map<string, Attr>();
    const extra = schema && typeof schema.additionalProperties === "object" ? (schema.additionalProperties as JsonSchemaNode) : undefined;
    return (key) => {
      let out = cache.get(key);
      if (!out) {
        const present = this.fresh("tg", "Bool");
        const at = `${path}.${key}`;
        node.tags.set(key, { present, path: at });
        let value: Sym | undefined;
        out = { present, value: () => (value ??= this.valueOf(at, tagType, extra)) };
        cache.set(key, out);
      }
      return out;
    };
  }
}

function propertySchema(schema: JsonSchemaNode | undefined, name: string): JsonSchemaNode | undefined {
  const props = schema?.properties;
  if (!props || typeof props !== "object") return undefined;
  const p = (props as Record<string, unknown>)[name];
  return p && typeof p === "object" ? (p as JsonSchemaNode) : undefined;
}
