import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/@iarna/toml/lib/parser.js
var require_parser = __commonJS({
  "node_modules/@iarna/toml/lib/parser.js"(exports2, module2) {
    "use strict";
    var ParserEND = 1114112;
    var ParserError = class _ParserError extends Error {
      /* istanbul ignore next */
      constructor(msg, filename, linenumber) {
        super("[ParserError] " + msg, filename, linenumber);
        this.name = "ParserError";
        this.code = "ParserError";
        if (Error.captureStackTrace) Error.captureStackTrace(this, _ParserError);
      }
    };
    var State = class {
      constructor(parser) {
        this.parser = parser;
        this.buf = "";
        this.returned = null;
        this.result = null;
        this.resultTable = null;
        this.resultArr = null;
      }
    };
    var Parser = class {
      constructor() {
        this.pos = 0;
        this.col = 0;
        this.line = 0;
        this.obj = {};
        this.ctx = this.obj;
        this.stack = [];
        this._buf = "";
        this.char = null;
        this.ii = 0;
        this.state = new State(this.parseStart);
      }
      parse(str) {
        if (str.length === 0 || str.length == null) return;
        this._buf = String(str);
        this.ii = -1;
        this.char = -1;
        let getNext;
        while (getNext === false || this.nextChar()) {
          getNext = this.runOne();
        }
        this._buf = null;
      }
      nextChar() {
        if (this.char === 10) {
          ++this.line;
          this.col = -1;
        }
        ++this.ii;
        this.char = this._buf.codePointAt(this.ii);
        ++this.pos;
        ++this.col;
        return this.haveBuffer();
      }
      haveBuffer() {
        return this.ii < this._buf.length;
      }
      runOne() {
        return this.state.parser.call(this, this.state.returned);
      }
      finish() {
        this.char = ParserEND;
        let last;
        do {
          last = this.state.parser;
          this.runOne();
        } while (this.state.parser !== last);
        this.ctx = null;
        this.state = null;
        this._buf = null;
        return this.obj;
      }
      next(fn) {
        if (typeof fn !== "function") throw new ParserError("Tried to set state to non-existent state: " + JSON.stringify(fn));
        this.state.parser = fn;
      }
      goto(fn) {
        this.next(fn);
        return this.runOne();
      }
      call(fn, returnWith) {
        if (returnWith) this.next(returnWith);
        this.stack.push(this.state);
        this.state = new State(fn);
      }
      callNow(fn, returnWith) {
        this.call(fn, returnWith);
        return this.runOne();
      }
      return(value) {
        if (this.stack.length === 0) throw this.error(new ParserError("Stack underflow"));
        if (value === void 0) value = this.state.buf;
        this.state = this.stack.pop();
        this.state.returned = value;
      }
      returnNow(value) {
        this.return(value);
        return this.runOne();
      }
      consume() {
        if (this.char === ParserEND) throw this.error(new ParserError("Unexpected end-of-buffer"));
        this.state.buf += this._buf[this.ii];
      }
      error(err) {
        err.line = this.line;
        err.col = this.col;
        err.pos = this.pos;
        return err;
      }
      /* istanbul ignore next */
      parseStart() {
        throw new ParserError("Must declare a parseStart method");
      }
    };
    Parser.END = ParserEND;
    Parser.Error = ParserError;
    module2.exports = Parser;
  }
});

// node_modules/@iarna/toml/lib/create-datetime.js
var require_create_datetime = __commonJS({
  "node_modules/@iarna/toml/lib/create-datetime.js"(exports2, module2) {
    "use strict";
    module2.exports = (value) => {
      const date = new Date(value);
      if (isNaN(date)) {
        throw new TypeError("Invalid Datetime");
      } else {
        return date;
      }
    };
  }
});

// node_modules/@iarna/toml/lib/format-num.js
var require_format_num = __commonJS({
  "node_modules/@iarna/toml/lib/format-num.js"(exports2, module2) {
    "use strict";
    module2.exports = (d, num) => {
      num = String(num);
      while (num.length < d) num = "0" + num;
      return num;
    };
  }
});

// node_modules/@iarna/toml/lib/create-datetime-float.js
var require_create_datetime_float = __commonJS({
  "node_modules/@iarna/toml/lib/create-datetime-float.js"(exports2, module2) {
    "use strict";
    var f = require_format_num();
    var FloatingDateTime = class extends Date {
      constructor(value) {
        super(value + "Z");
        this.isFloating = true;
      }
      toISOString() {
        const date = `${this.getUTCFullYear()}-${f(2, this.getUTCMonth() + 1)}-${f(2, this.getUTCDate())}`;
        const time = `${f(2, this.getUTCHours())}:${f(2, this.getUTCMinutes())}:${f(2, this.getUTCSeconds())}.${f(3, this.getUTCMilliseconds())}`;
        return `${date}T${time}`;
      }
    };
    module2.exports = (value) => {
      const date = new FloatingDateTime(value);
      if (isNaN(date)) {
        throw new TypeError("Invalid Datetime");
      } else {
        return date;
      }
    };
  }
});

// node_modules/@iarna/toml/lib/create-date.js
var require_create_date = __commonJS({
  "node_modules/@iarna/toml/lib/create-date.js"(exports2, module2) {
    "use strict";
    var f = require_format_num();
    var DateTime = global.Date;
    var Date2 = class extends DateTime {
      constructor(value) {
        super(value);
        this.isDate = true;
      }
      toISOString() {
        return `${this.getUTCFullYear()}-${f(2, this.getUTCMonth() + 1)}-${f(2, this.getUTCDate())}`;
      }
    };
    module2.exports = (value) => {
      const date = new Date2(value);
      if (isNaN(date)) {
        throw new TypeError("Invalid Datetime");
      } else {
        return date;
      }
    };
  }
});

// node_modules/@iarna/toml/lib/create-time.js
var require_create_time = __commonJS({
  "node_modules/@iarna/toml/lib/create-time.js"(exports2, module2) {
    "use strict";
    var f = require_format_num();
    var Time = class extends Date {
      constructor(value) {
        super(`0000-01-01T${value}Z`);
        this.isTime = true;
      }
      toISOString() {
        return `${f(2, this.getUTCHours())}:${f(2, this.getUTCMinutes())}:${f(2, this.getUTCSeconds())}.${f(3, this.getUTCMilliseconds())}`;
      }
    };
    module2.exports = (value) => {
      const date = new Time(value);
      if (isNaN(date)) {
        throw new TypeError("Invalid Datetime");
      } else {
        return date;
      }
    };
  }
});

// node_modules/@iarna/toml/lib/toml-parser.js
var require_toml_parser = __commonJS({
  "node_modules/@iarna/toml/lib/toml-parser.js"(exports, module) {
    "use strict";
    module.exports = makeParserClass(require_parser());
    module.exports.makeParserClass = makeParserClass;
    var TomlError = class _TomlError extends Error {
      constructor(msg) {
        super(msg);
        this.name = "TomlError";
        if (Error.captureStackTrace) Error.captureStackTrace(this, _TomlError);
        this.fromTOML = true;
        this.wrapped = null;
      }
    };
    TomlError.wrap = (err) => {
      const terr = new TomlError(err.message);
      terr.code = err.code;
      terr.wrapped = err;
      return terr;
    };
    module.exports.TomlError = TomlError;
    var createDateTime = require_create_datetime();
    var createDateTimeFloat = require_create_datetime_float();
    var createDate = require_create_date();
    var createTime = require_create_time();
    var CTRL_I = 9;
    var CTRL_J = 10;
    var CTRL_M = 13;
    var CTRL_CHAR_BOUNDARY = 31;
    var CHAR_SP = 32;
    var CHAR_QUOT = 34;
    var CHAR_NUM = 35;
    var CHAR_APOS = 39;
    var CHAR_PLUS = 43;
    var CHAR_COMMA = 44;
    var CHAR_HYPHEN = 45;
    var CHAR_PERIOD = 46;
    var CHAR_0 = 48;
    var CHAR_1 = 49;
    var CHAR_7 = 55;
    var CHAR_9 = 57;
    var CHAR_COLON = 58;
    var CHAR_EQUALS = 61;
    var CHAR_A = 65;
    var CHAR_E = 69;
    var CHAR_F = 70;
    var CHAR_T = 84;
    var CHAR_U = 85;
    var CHAR_Z = 90;
    var CHAR_LOWBAR = 95;
    var CHAR_a = 97;
    var CHAR_b = 98;
    var CHAR_e = 101;
    var CHAR_f = 102;
    var CHAR_i = 105;
    var CHAR_l = 108;
    var CHAR_n = 110;
    var CHAR_o = 111;
    var CHAR_r = 114;
    var CHAR_s = 115;
    var CHAR_t = 116;
    var CHAR_u = 117;
    var CHAR_x = 120;
    var CHAR_z = 122;
    var CHAR_LCUB = 123;
    var CHAR_RCUB = 125;
    var CHAR_LSQB = 91;
    var CHAR_BSOL = 92;
    var CHAR_RSQB = 93;
    var CHAR_DEL = 127;
    var SURROGATE_FIRST = 55296;
    var SURROGATE_LAST = 57343;
    var escapes = {
      [CHAR_b]: "\b",
      [CHAR_t]: "	",
      [CHAR_n]: "\n",
      [CHAR_f]: "\f",
      [CHAR_r]: "\r",
      [CHAR_QUOT]: '"',
      [CHAR_BSOL]: "\\"
    };
    function isDigit(cp) {
      return cp >= CHAR_0 && cp <= CHAR_9;
    }
    function isHexit(cp) {
      return cp >= CHAR_A && cp <= CHAR_F || cp >= CHAR_a && cp <= CHAR_f || cp >= CHAR_0 && cp <= CHAR_9;
    }
    function isBit(cp) {
      return cp === CHAR_1 || cp === CHAR_0;
    }
    function isOctit(cp) {
      return cp >= CHAR_0 && cp <= CHAR_7;
    }
    function isAlphaNumQuoteHyphen(cp) {
      return cp >= CHAR_A && cp <= CHAR_Z || cp >= CHAR_a && cp <= CHAR_z || cp >= CHAR_0 && cp <= CHAR_9 || cp === CHAR_APOS || cp === CHAR_QUOT || cp === CHAR_LOWBAR || cp === CHAR_HYPHEN;
    }
    function isAlphaNumHyphen(cp) {
      return cp >= CHAR_A && cp <= CHAR_Z || cp >= CHAR_a && cp <= CHAR_z || cp >= CHAR_0 && cp <= CHAR_9 || cp === CHAR_LOWBAR || cp === CHAR_HYPHEN;
    }
    var _type = /* @__PURE__ */ Symbol("type");
    var _declared = /* @__PURE__ */ Symbol("declared");
    var hasOwnProperty = Object.prototype.hasOwnProperty;
    var defineProperty = Object.defineProperty;
    var descriptor = { configurable: true, enumerable: true, writable: true, value: void 0 };
    function hasKey(obj2, key) {
      if (hasOwnProperty.call(obj2, key)) return true;
      if (key === "__proto__") defineProperty(obj2, "__proto__", descriptor);
      return false;
    }
    var INLINE_TABLE = /* @__PURE__ */ Symbol("inline-table");
    function InlineTable() {
      return Object.defineProperties({}, {
        [_type]: { value: INLINE_TABLE }
      });
    }
    function isInlineTable(obj2) {
      if (obj2 === null || typeof obj2 !== "object") return false;
      return obj2[_type] === INLINE_TABLE;
    }
    var TABLE = /* @__PURE__ */ Symbol("table");
    function Table() {
      return Object.defineProperties({}, {
        [_type]: { value: TABLE },
        [_declared]: { value: false, writable: true }
      });
    }
    function isTable(obj2) {
      if (obj2 === null || typeof obj2 !== "object") return false;
      return obj2[_type] === TABLE;
    }
    var _contentType = /* @__PURE__ */ Symbol("content-type");
    var INLINE_LIST = /* @__PURE__ */ Symbol("inline-list");
    function InlineList(type) {
      return Object.defineProperties([], {
        [_type]: { value: INLINE_LIST },
        [_contentType]: { value: type }
      });
    }
    function isInlineList(obj2) {
      if (obj2 === null || typeof obj2 !== "object") return false;
      return obj2[_type] === INLINE_LIST;
    }
    var LIST = /* @__PURE__ */ Symbol("list");
    function List() {
      return Object.defineProperties([], {
        [_type]: { value: LIST }
      });
    }
    function isList(obj2) {
      if (obj2 === null || typeof obj2 !== "object") return false;
      return obj2[_type] === LIST;
    }
    var _custom;
    try {
      const utilInspect = eval("require('util').inspect");
      _custom = utilInspect.custom;
    } catch (_) {
    }
    var _inspect = _custom || "inspect";
    var BoxedBigInt = class {
      constructor(value) {
        try {
          this.value = global.BigInt.asIntN(64, value);
        } catch (_) {
          this.value = null;
        }
        Object.defineProperty(this, _type, { value: INTEGER });
      }
      isNaN() {
        return this.value === null;
      }
      /* istanbul ignore next */
      toString() {
        return String(this.value);
      }
      /* istanbul ignore next */
      [_inspect]() {
        return `[BigInt: ${this.toString()}]}`;
      }
      valueOf() {
        return this.value;
      }
    };
    var INTEGER = /* @__PURE__ */ Symbol("integer");
    function Integer(value) {
      let num = Number(value);
      if (Object.is(num, -0)) num = 0;
      if (global.BigInt && !Number.isSafeInteger(num)) {
        return new BoxedBigInt(value);
      } else {
        return Object.defineProperties(new Number(num), {
          isNaN: { value: function() {
            return isNaN(this);
          } },
          [_type]: { value: INTEGER },
          [_inspect]: { value: () => `[Integer: ${value}]` }
        });
      }
    }
    function isInteger(obj2) {
      if (obj2 === null || typeof obj2 !== "object") return false;
      return obj2[_type] === INTEGER;
    }
    var FLOAT = /* @__PURE__ */ Symbol("float");
    function Float(value) {
      return Object.defineProperties(new Number(value), {
        [_type]: { value: FLOAT },
        [_inspect]: { value: () => `[Float: ${value}]` }
      });
    }
    function isFloat(obj2) {
      if (obj2 === null || typeof obj2 !== "object") return false;
      return obj2[_type] === FLOAT;
    }
    function tomlType(value) {
      const type = typeof value;
      if (type === "object") {
        if (value === null) return "null";
        if (value instanceof Date) return "datetime";
        if (_type in value) {
          switch (value[_type]) {
            case INLINE_TABLE:
              return "inline-table";
            case INLINE_LIST:
              return "inline-list";
            /* istanbul ignore next */
            case TABLE:
              return "table";
            /* istanbul ignore next */
            case LIST:
              return "list";
            case FLOAT:
              return "float";
            case INTEGER:
              return "integer";
          }
        }
      }
      return type;
    }
    function makeParserClass(Parser) {
      class TOMLParser extends Parser {
        constructor() {
          super();
          this.ctx = this.obj = Table();
        }
        /* MATCH HELPER */
        atEndOfWord() {
          return this.char === CHAR_NUM || this.char === CTRL_I || this.char === CHAR_SP || this.atEndOfLine();
        }
        atEndOfLine() {
          return this.char === Parser.END || this.char === CTRL_J || this.char === CTRL_M;
        }
        parseStart() {
          if (this.char === Parser.END) {
            return null;
          } else if (this.char === CHAR_LSQB) {
            return this.call(this.parseTableOrList);
          } else if (this.char === CHAR_NUM) {
            return this.call(this.parseComment);
          } else if (this.char === CTRL_J || this.char === CHAR_SP || this.char === CTRL_I || this.char === CTRL_M) {
            return null;
          } else if (isAlphaNumQuoteHyphen(this.char)) {
            return this.callNow(this.parseAssignStatement);
          } else {
            throw this.error(new TomlError(`Unknown character "${this.char}"`));
          }
        }
        // HELPER, this strips any whitespace and comments to the end of the line
        // then RETURNS. Last state in a production.
        parseWhitespaceToEOL() {
          if (this.char === CHAR_SP || this.char === CTRL_I || this.char === CTRL_M) {
            return null;
          } else if (this.char === CHAR_NUM) {
            return this.goto(this.parseComment);
          } else if (this.char === Parser.END || this.char === CTRL_J) {
            return this.return();
          } else {
            throw this.error(new TomlError("Unexpected character, expected only whitespace or comments till end of line"));
          }
        }
        /* ASSIGNMENT: key = value */
        parseAssignStatement() {
          return this.callNow(this.parseAssign, this.recordAssignStatement);
        }
        recordAssignStatement(kv) {
          let target = this.ctx;
          let finalKey = kv.key.pop();
          for (let kw of kv.key) {
            if (hasKey(target, kw) && !isTable(target[kw])) {
              throw this.error(new TomlError("Can't redefine existing key"));
            }
            target = target[kw] = target[kw] || Table();
          }
          if (hasKey(target, finalKey)) {
            throw this.error(new TomlError("Can't redefine existing key"));
          }
          target[_declared] = true;
          if (isInteger(kv.value) || isFloat(kv.value)) {
            target[finalKey] = kv.value.valueOf();
          } else {
            target[finalKey] = kv.value;
          }
          return this.goto(this.parseWhitespaceToEOL);
        }
        /* ASSSIGNMENT expression, key = value possibly inside an inline table */
        parseAssign() {
          return this.callNow(this.parseKeyword, this.recordAssignKeyword);
        }
        recordAssignKeyword(key) {
          if (this.state.resultTable) {
            this.state.resultTable.push(key);
          } else {
            this.state.resultTable = [key];
          }
          return this.goto(this.parseAssignKeywordPreDot);
        }
        parseAssignKeywordPreDot() {
          if (this.char === CHAR_PERIOD) {
            return this.next(this.parseAssignKeywordPostDot);
          } else if (this.char !== CHAR_SP && this.char !== CTRL_I) {
            return this.goto(this.parseAssignEqual);
          }
        }
        parseAssignKeywordPostDot() {
          if (this.char !== CHAR_SP && this.char !== CTRL_I) {
            return this.callNow(this.parseKeyword, this.recordAssignKeyword);
          }
        }
        parseAssignEqual() {
          if (this.char === CHAR_EQUALS) {
            return this.next(this.parseAssignPreValue);
          } else {
            throw this.error(new TomlError('Invalid character, expected "="'));
          }
        }
        parseAssignPreValue() {
          if (this.char === CHAR_SP || this.char === CTRL_I) {
            return null;
          } else {
            return this.callNow(this.parseValue, this.recordAssignValue);
          }
        }
        recordAssignValue(value) {
          return this.returnNow({ key: this.state.resultTable, value });
        }
        /* COMMENTS: #...eol */
        parseComment() {
          do {
            if (this.char === Parser.END || this.char === CTRL_J) {
              return this.return();
            } else if (this.char === CHAR_DEL || this.char <= CTRL_CHAR_BOUNDARY && this.char !== CTRL_I) {
              throw this.errorControlCharIn("comments");
            }
          } while (this.nextChar());
        }
        /* TABLES AND LISTS, [foo] and [[foo]] */
        parseTableOrList() {
          if (this.char === CHAR_LSQB) {
            this.next(this.parseList);
          } else {
            return this.goto(this.parseTable);
          }
        }
        /* TABLE [foo.bar.baz] */
        parseTable() {
          this.ctx = this.obj;
          return this.goto(this.parseTableNext);
        }
        parseTableNext() {
          if (this.char === CHAR_SP || this.char === CTRL_I) {
            return null;
          } else {
            return this.callNow(this.parseKeyword, this.parseTableMore);
          }
        }
        parseTableMore(keyword) {
          if (this.char === CHAR_SP || this.char === CTRL_I) {
            return null;
          } else if (this.char === CHAR_RSQB) {
            if (hasKey(this.ctx, keyword) && (!isTable(this.ctx[keyword]) || this.ctx[keyword][_declared])) {
              throw this.error(new TomlError("Can't redefine existing key"));
            } else {
              this.ctx = this.ctx[keyword] = this.ctx[keyword] || Table();
              this.ctx[_declared] = true;
            }
            return this.next(this.parseWhitespaceToEOL);
          } else if (this.char === CHAR_PERIOD) {
            if (!hasKey(this.ctx, keyword)) {
              this.ctx = this.ctx[keyword] = Table();
            } else if (isTable(this.ctx[keyword])) {
              this.ctx = this.ctx[keyword];
            } else if (isList(this.ctx[keyword])) {
              this.ctx = this.ctx[keyword][this.ctx[keyword].length - 1];
            } else {
              throw this.error(new TomlError("Can't redefine existing key"));
            }
            return this.next(this.parseTableNext);
          } else {
            throw this.error(new TomlError("Unexpected character, expected whitespace, . or ]"));
          }
        }
        /* LIST [[a.b.c]] */
        parseList() {
          this.ctx = this.obj;
          return this.goto(this.parseListNext);
        }
        parseListNext() {
          if (this.char === CHAR_SP || this.char === CTRL_I) {
            return null;
          } else {
            return this.callNow(this.parseKeyword, this.parseListMore);
          }
        }
        parseListMore(keyword) {
          if (this.char === CHAR_SP || this.char === CTRL_I) {
            return null;
          } else if (this.char === CHAR_RSQB) {
            if (!hasKey(this.ctx, keyword)) {
              this.ctx[keyword] = List();
            }
            if (isInlineList(this.ctx[keyword])) {
              throw this.error(new TomlError("Can't extend an inline array"));
            } else if (isList(this.ctx[keyword])) {
              const next = Table();
              this.ctx[keyword].push(next);
              this.ctx = next;
            } else {
              throw this.error(new TomlError("Can't redefine an existing key"));
            }
            return this.next(this.parseListEnd);
          } else if (this.char === CHAR_PERIOD) {
            if (!hasKey(this.ctx, keyword)) {
              this.ctx = this.ctx[keyword] = Table();
            } else if (isInlineList(this.ctx[keyword])) {
              throw this.error(new TomlError("Can't extend an inline array"));
            } else if (isInlineTable(this.ctx[keyword])) {
              throw this.error(new TomlError("Can't extend an inline table"));
            } else if (isList(this.ctx[keyword])) {
              this.ctx = this.ctx[keyword][this.ctx[keyword].length - 1];
            } else if (isTable(this.ctx[keyword])) {
              this.ctx = this.ctx[keyword];
            } else {
              throw this.error(new TomlError("Can't redefine an existing key"));
            }
            return this.next(this.parseListNext);
          } else {
            throw this.error(new TomlError("Unexpected character, expected whitespace, . or ]"));
          }
        }
        parseListEnd(keyword) {
          if (this.char === CHAR_RSQB) {
            return this.next(this.parseWhitespaceToEOL);
          } else {
            throw this.error(new TomlError("Unexpected character, expected whitespace, . or ]"));
          }
        }
        /* VALUE string, number, boolean, inline list, inline object */
        parseValue() {
          if (this.char === Parser.END) {
            throw this.error(new TomlError("Key without value"));
          } else if (this.char === CHAR_QUOT) {
            return this.next(this.parseDoubleString);
          }
          if (this.char === CHAR_APOS) {
            return this.next(this.parseSingleString);
          } else if (this.char === CHAR_HYPHEN || this.char === CHAR_PLUS) {
            return this.goto(this.parseNumberSign);
          } else if (this.char === CHAR_i) {
            return this.next(this.parseInf);
          } else if (this.char === CHAR_n) {
            return this.next(this.parseNan);
          } else if (isDigit(this.char)) {
            return this.goto(this.parseNumberOrDateTime);
          } else if (this.char === CHAR_t || this.char === CHAR_f) {
            return this.goto(this.parseBoolean);
          } else if (this.char === CHAR_LSQB) {
            return this.call(this.parseInlineList, this.recordValue);
          } else if (this.char === CHAR_LCUB) {
            return this.call(this.parseInlineTable, this.recordValue);
          } else {
            throw this.error(new TomlError("Unexpected character, expecting string, number, datetime, boolean, inline array or inline table"));
          }
        }
        recordValue(value) {
          return this.returnNow(value);
        }
        parseInf() {
          if (this.char === CHAR_n) {
            return this.next(this.parseInf2);
          } else {
            throw this.error(new TomlError('Unexpected character, expected "inf", "+inf" or "-inf"'));
          }
        }
        parseInf2() {
          if (this.char === CHAR_f) {
            if (this.state.buf === "-") {
              return this.return(-Infinity);
            } else {
              return this.return(Infinity);
            }
          } else {
            throw this.error(new TomlError('Unexpected character, expected "inf", "+inf" or "-inf"'));
          }
        }
        parseNan() {
          if (this.char === CHAR_a) {
            return this.next(this.parseNan2);
          } else {
            throw this.error(new TomlError('Unexpected character, expected "nan"'));
          }
        }
        parseNan2() {
          if (this.char === CHAR_n) {
            return this.return(NaN);
          } else {
            throw this.error(new TomlError('Unexpected character, expected "nan"'));
          }
        }
        /* KEYS, barewords or basic, literal, or dotted */
        parseKeyword() {
          if (this.char === CHAR_QUOT) {
            return this.next(this.parseBasicString);
          } else if (this.char === CHAR_APOS) {
            return this.next(this.parseLiteralString);
          } else {
            return this.goto(this.parseBareKey);
          }
        }
        /* KEYS: barewords */
        parseBareKey() {
          do {
            if (this.char === Parser.END) {
              throw this.error(new TomlError("Key ended without value"));
            } else if (isAlphaNumHyphen(this.char)) {
              this.consume();
            } else if (this.state.buf.length === 0) {
              throw this.error(new TomlError("Empty bare keys are not allowed"));
            } else {
              return this.returnNow();
            }
          } while (this.nextChar());
        }
        /* STRINGS, single quoted (literal) */
        parseSingleString() {
          if (this.char === CHAR_APOS) {
            return this.next(this.parseLiteralMultiStringMaybe);
          } else {
            return this.goto(this.parseLiteralString);
          }
        }
        parseLiteralString() {
          do {
            if (this.char === CHAR_APOS) {
              return this.return();
            } else if (this.atEndOfLine()) {
              throw this.error(new TomlError("Unterminated string"));
            } else if (this.char === CHAR_DEL || this.char <= CTRL_CHAR_BOUNDARY && this.char !== CTRL_I) {
              throw this.errorControlCharIn("strings");
            } else {
              this.consume();
            }
          } while (this.nextChar());
        }
        parseLiteralMultiStringMaybe() {
          if (this.char === CHAR_APOS) {
            return this.next(this.parseLiteralMultiString);
          } else {
            return this.returnNow();
          }
        }
        parseLiteralMultiString() {
          if (this.char === CTRL_M) {
            return null;
          } else if (this.char === CTRL_J) {
            return this.next(this.parseLiteralMultiStringContent);
          } else {
            return this.goto(this.parseLiteralMultiStringContent);
          }
        }
        parseLiteralMultiStringContent() {
          do {
            if (this.char === CHAR_APOS) {
              return this.next(this.parseLiteralMultiEnd);
            } else if (this.char === Parser.END) {
              throw this.error(new TomlError("Unterminated multi-line string"));
            } else if (this.char === CHAR_DEL || this.char <= CTRL_CHAR_BOUNDARY && this.char !== CTRL_I && this.char !== CTRL_J && this.char !== CTRL_M) {
              throw this.errorControlCharIn("strings");
            } else {
              this.consume();
            }
          } while (this.nextChar());
        }
        parseLiteralMultiEnd() {
          if (this.char === CHAR_APOS) {
            return this.next(this.parseLiteralMultiEnd2);
          } else {
            this.state.buf += "'";
            return this.goto(this.parseLiteralMultiStringContent);
          }
        }
        parseLiteralMultiEnd2() {
          if (this.char === CHAR_APOS) {
            return this.next(this.parseLiteralMultiEnd3);
          } else {
            this.state.buf += "''";
            return this.goto(this.parseLiteralMultiStringContent);
          }
        }
        parseLiteralMultiEnd3() {
          if (this.char === CHAR_APOS) {
            this.state.buf += "'";
            return this.next(this.parseLiteralMultiEnd4);
          } else {
            return this.returnNow();
          }
        }
        parseLiteralMultiEnd4() {
          if (this.char === CHAR_APOS) {
            this.state.buf += "'";
            return this.return();
          } else {
            return this.returnNow();
          }
        }
        /* STRINGS double quoted */
        parseDoubleString() {
          if (this.char === CHAR_QUOT) {
            return this.next(this.parseMultiStringMaybe);
          } else {
            return this.goto(this.parseBasicString);
          }
        }
        parseBasicString() {
          do {
            if (this.char === CHAR_BSOL) {
              return this.call(this.parseEscape, this.recordEscapeReplacement);
            } else if (this.char === CHAR_QUOT) {
              return this.return();
            } else if (this.atEndOfLine()) {
              throw this.error(new TomlError("Unterminated string"));
            } else if (this.char === CHAR_DEL || this.char <= CTRL_CHAR_BOUNDARY && this.char !== CTRL_I) {
              throw this.errorControlCharIn("strings");
            } else {
              this.consume();
            }
          } while (this.nextChar());
        }
        recordEscapeReplacement(replacement) {
          this.state.buf += replacement;
          return this.goto(this.parseBasicString);
        }
        parseMultiStringMaybe() {
          if (this.char === CHAR_QUOT) {
            return this.next(this.parseMultiString);
          } else {
            return this.returnNow();
          }
        }
        parseMultiString() {
          if (this.char === CTRL_M) {
            return null;
          } else if (this.char === CTRL_J) {
            return this.next(this.parseMultiStringContent);
          } else {
            return this.goto(this.parseMultiStringContent);
          }
        }
        parseMultiStringContent() {
          do {
            if (this.char === CHAR_BSOL) {
              return this.call(this.parseMultiEscape, this.recordMultiEscapeReplacement);
            } else if (this.char === CHAR_QUOT) {
              return this.next(this.parseMultiEnd);
            } else if (this.char === Parser.END) {
              throw this.error(new TomlError("Unterminated multi-line string"));
            } else if (this.char === CHAR_DEL || this.char <= CTRL_CHAR_BOUNDARY && this.char !== CTRL_I && this.char !== CTRL_J && this.char !== CTRL_M) {
              throw this.errorControlCharIn("strings");
            } else {
              this.consume();
            }
          } while (this.nextChar());
        }
        errorControlCharIn(type) {
          let displayCode = "\\u00";
          if (this.char < 16) {
            displayCode += "0";
          }
          displayCode += this.char.toString(16);
          return this.error(new TomlError(`Control characters (codes < 0x1f and 0x7f) are not allowed in ${type}, use ${displayCode} instead`));
        }
        recordMultiEscapeReplacement(replacement) {
          this.state.buf += replacement;
          return this.goto(this.parseMultiStringContent);
        }
        parseMultiEnd() {
          if (this.char === CHAR_QUOT) {
            return this.next(this.parseMultiEnd2);
          } else {
            this.state.buf += '"';
            return this.goto(this.parseMultiStringContent);
          }
        }
        parseMultiEnd2() {
          if (this.char === CHAR_QUOT) {
            return this.next(this.parseMultiEnd3);
          } else {
            this.state.buf += '""';
            return this.goto(this.parseMultiStringContent);
          }
        }
        parseMultiEnd3() {
          if (this.char === CHAR_QUOT) {
            this.state.buf += '"';
            return this.next(this.parseMultiEnd4);
          } else {
            return this.returnNow();
          }
        }
        parseMultiEnd4() {
          if (this.char === CHAR_QUOT) {
            this.state.buf += '"';
            return this.return();
          } else {
            return this.returnNow();
          }
        }
        parseMultiEscape() {
          if (this.char === CTRL_M || this.char === CTRL_J) {
            return this.next(this.parseMultiTrim);
          } else if (this.char === CHAR_SP || this.char === CTRL_I) {
            return this.next(this.parsePreMultiTrim);
          } else {
            return this.goto(this.parseEscape);
          }
        }
        parsePreMultiTrim() {
          if (this.char === CHAR_SP || this.char === CTRL_I) {
            return null;
          } else if (this.char === CTRL_M || this.char === CTRL_J) {
            return this.next(this.parseMultiTrim);
          } else {
            throw this.error(new TomlError("Can't escape whitespace"));
          }
        }
        parseMultiTrim() {
          if (this.char === CTRL_J || this.char === CHAR_SP || this.char === CTRL_I || this.char === CTRL_M) {
            return null;
          } else {
            return this.returnNow();
          }
        }
        parseEscape() {
          if (this.char in escapes) {
            return this.return(escapes[this.char]);
          } else if (this.char === CHAR_u) {
            return this.call(this.parseSmallUnicode, this.parseUnicodeReturn);
          } else if (this.char === CHAR_U) {
            return this.call(this.parseLargeUnicode, this.parseUnicodeReturn);
          } else {
            throw this.error(new TomlError("Unknown escape character: " + this.char));
          }
        }
        parseUnicodeReturn(char) {
          try {
            const codePoint = parseInt(char, 16);
            if (codePoint >= SURROGATE_FIRST && codePoint <= SURROGATE_LAST) {
              throw this.error(new TomlError("Invalid unicode, character in range 0xD800 - 0xDFFF is reserved"));
            }
            return this.returnNow(String.fromCodePoint(codePoint));
          } catch (err) {
            throw this.error(TomlError.wrap(err));
          }
        }
        parseSmallUnicode() {
          if (!isHexit(this.char)) {
            throw this.error(new TomlError("Invalid character in unicode sequence, expected hex"));
          } else {
            this.consume();
            if (this.state.buf.length >= 4) return this.return();
          }
        }
        parseLargeUnicode() {
          if (!isHexit(this.char)) {
            throw this.error(new TomlError("Invalid character in unicode sequence, expected hex"));
          } else {
            this.consume();
            if (this.state.buf.length >= 8) return this.return();
          }
        }
        /* NUMBERS */
        parseNumberSign() {
          this.consume();
          return this.next(this.parseMaybeSignedInfOrNan);
        }
        parseMaybeSignedInfOrNan() {
          if (this.char === CHAR_i) {
            return this.next(this.parseInf);
          } else if (this.char === CHAR_n) {
            return this.next(this.parseNan);
          } else {
            return this.callNow(this.parseNoUnder, this.parseNumberIntegerStart);
          }
        }
        parseNumberIntegerStart() {
          if (this.char === CHAR_0) {
            this.consume();
            return this.next(this.parseNumberIntegerExponentOrDecimal);
          } else {
            return this.goto(this.parseNumberInteger);
          }
        }
        parseNumberIntegerExponentOrDecimal() {
          if (this.char === CHAR_PERIOD) {
            this.consume();
            return this.call(this.parseNoUnder, this.parseNumberFloat);
          } else if (this.char === CHAR_E || this.char === CHAR_e) {
            this.consume();
            return this.next(this.parseNumberExponentSign);
          } else {
            return this.returnNow(Integer(this.state.buf));
          }
        }
        parseNumberInteger() {
          if (isDigit(this.char)) {
            this.consume();
          } else if (this.char === CHAR_LOWBAR) {
            return this.call(this.parseNoUnder);
          } else if (this.char === CHAR_E || this.char === CHAR_e) {
            this.consume();
            return this.next(this.parseNumberExponentSign);
          } else if (this.char === CHAR_PERIOD) {
            this.consume();
            return this.call(this.parseNoUnder, this.parseNumberFloat);
          } else {
            const result = Integer(this.state.buf);
            if (result.isNaN()) {
              throw this.error(new TomlError("Invalid number"));
            } else {
              return this.returnNow(result);
            }
          }
        }
        parseNoUnder() {
          if (this.char === CHAR_LOWBAR || this.char === CHAR_PERIOD || this.char === CHAR_E || this.char === CHAR_e) {
            throw this.error(new TomlError("Unexpected character, expected digit"));
          } else if (this.atEndOfWord()) {
            throw this.error(new TomlError("Incomplete number"));
          }
          return this.returnNow();
        }
        parseNoUnderHexOctBinLiteral() {
          if (this.char === CHAR_LOWBAR || this.char === CHAR_PERIOD) {
            throw this.error(new TomlError("Unexpected character, expected digit"));
          } else if (this.atEndOfWord()) {
            throw this.error(new TomlError("Incomplete number"));
          }
          return this.returnNow();
        }
        parseNumberFloat() {
          if (this.char === CHAR_LOWBAR) {
            return this.call(this.parseNoUnder, this.parseNumberFloat);
          } else if (isDigit(this.char)) {
            this.consume();
          } else if (this.char === CHAR_E || this.char === CHAR_e) {
            this.consume();
            return this.next(this.parseNumberExponentSign);
          } else {
            return this.returnNow(Float(this.state.buf));
          }
        }
        parseNumberExponentSign() {
          if (isDigit(this.char)) {
            return this.goto(this.parseNumberExponent);
          } else if (this.char === CHAR_HYPHEN || this.char === CHAR_PLUS) {
            this.consume();
            this.call(this.parseNoUnder, this.parseNumberExponent);
          } else {
            throw this.error(new TomlError("Unexpected character, expected -, + or digit"));
          }
        }
        parseNumberExponent() {
          if (isDigit(this.char)) {
            this.consume();
          } else if (this.char === CHAR_LOWBAR) {
            return this.call(this.parseNoUnder);
          } else {
            return this.returnNow(Float(this.state.buf));
          }
        }
        /* NUMBERS or DATETIMES  */
        parseNumberOrDateTime() {
          if (this.char === CHAR_0) {
            this.consume();
            return this.next(this.parseNumberBaseOrDateTime);
          } else {
            return this.goto(this.parseNumberOrDateTimeOnly);
          }
        }
        parseNumberOrDateTimeOnly() {
          if (this.char === CHAR_LOWBAR) {
            return this.call(this.parseNoUnder, this.parseNumberInteger);
          } else if (isDigit(this.char)) {
            this.consume();
            if (this.state.buf.length > 4) this.next(this.parseNumberInteger);
          } else if (this.char === CHAR_E || this.char === CHAR_e) {
            this.consume();
            return this.next(this.parseNumberExponentSign);
          } else if (this.char === CHAR_PERIOD) {
            this.consume();
            return this.call(this.parseNoUnder, this.parseNumberFloat);
          } else if (this.char === CHAR_HYPHEN) {
            return this.goto(this.parseDateTime);
          } else if (this.char === CHAR_COLON) {
            return this.goto(this.parseOnlyTimeHour);
          } else {
            return this.returnNow(Integer(this.state.buf));
          }
        }
        parseDateTimeOnly() {
          if (this.state.buf.length < 4) {
            if (isDigit(this.char)) {
              return this.consume();
            } else if (this.char === CHAR_COLON) {
              return this.goto(this.parseOnlyTimeHour);
            } else {
              throw this.error(new TomlError("Expected digit while parsing year part of a date"));
            }
          } else {
            if (this.char === CHAR_HYPHEN) {
              return this.goto(this.parseDateTime);
            } else {
              throw this.error(new TomlError("Expected hyphen (-) while parsing year part of date"));
            }
          }
        }
        parseNumberBaseOrDateTime() {
          if (this.char === CHAR_b) {
            this.consume();
            return this.call(this.parseNoUnderHexOctBinLiteral, this.parseIntegerBin);
          } else if (this.char === CHAR_o) {
            this.consume();
            return this.call(this.parseNoUnderHexOctBinLiteral, this.parseIntegerOct);
          } else if (this.char === CHAR_x) {
            this.consume();
            return this.call(this.parseNoUnderHexOctBinLiteral, this.parseIntegerHex);
          } else if (this.char === CHAR_PERIOD) {
            return this.goto(this.parseNumberInteger);
          } else if (isDigit(this.char)) {
            return this.goto(this.parseDateTimeOnly);
          } else {
            return this.returnNow(Integer(this.state.buf));
          }
        }
        parseIntegerHex() {
          if (isHexit(this.char)) {
            this.consume();
          } else if (this.char === CHAR_LOWBAR) {
            return this.call(this.parseNoUnderHexOctBinLiteral);
          } else {
            const result = Integer(this.state.buf);
            if (result.isNaN()) {
              throw this.error(new TomlError("Invalid number"));
            } else {
              return this.returnNow(result);
            }
          }
        }
        parseIntegerOct() {
          if (isOctit(this.char)) {
            this.consume();
          } else if (this.char === CHAR_LOWBAR) {
            return this.call(this.parseNoUnderHexOctBinLiteral);
          } else {
            const result = Integer(this.state.buf);
            if (result.isNaN()) {
              throw this.error(new TomlError("Invalid number"));
            } else {
              return this.returnNow(result);
            }
          }
        }
        parseIntegerBin() {
          if (isBit(this.char)) {
            this.consume();
          } else if (this.char === CHAR_LOWBAR) {
            return this.call(this.parseNoUnderHexOctBinLiteral);
          } else {
            const result = Integer(this.state.buf);
            if (result.isNaN()) {
              throw this.error(new TomlError("Invalid number"));
            } else {
              return this.returnNow(result);
            }
          }
        }
        /* DATETIME */
        parseDateTime() {
          if (this.state.buf.length < 4) {
            throw this.error(new TomlError("Years less than 1000 must be zero padded to four characters"));
          }
          this.state.result = this.state.buf;
          this.state.buf = "";
          return this.next(this.parseDateMonth);
        }
        parseDateMonth() {
          if (this.char === CHAR_HYPHEN) {
            if (this.state.buf.length < 2) {
              throw this.error(new TomlError("Months less than 10 must be zero padded to two characters"));
            }
            this.state.result += "-" + this.state.buf;
            this.state.buf = "";
            return this.next(this.parseDateDay);
          } else if (isDigit(this.char)) {
            this.consume();
          } else {
            throw this.error(new TomlError("Incomplete datetime"));
          }
        }
        parseDateDay() {
          if (this.char === CHAR_T || this.char === CHAR_SP) {
            if (this.state.buf.length < 2) {
              throw this.error(new TomlError("Days less than 10 must be zero padded to two characters"));
            }
            this.state.result += "-" + this.state.buf;
            this.state.buf = "";
            return this.next(this.parseStartTimeHour);
          } else if (this.atEndOfWord()) {
            return this.returnNow(createDate(this.state.result + "-" + this.state.buf));
          } else if (isDigit(this.char)) {
            this.consume();
          } else {
            throw this.error(new TomlError("Incomplete datetime"));
          }
        }
        parseStartTimeHour() {
          if (this.atEndOfWord()) {
            return this.returnNow(createDate(this.state.result));
          } else {
            return this.goto(this.parseTimeHour);
          }
        }
        parseTimeHour() {
          if (this.char === CHAR_COLON) {
            if (this.state.buf.length < 2) {
              throw this.error(new TomlError("Hours less than 10 must be zero padded to two characters"));
            }
            this.state.result += "T" + this.state.buf;
            this.state.buf = "";
            return this.next(this.parseTimeMin);
          } else if (isDigit(this.char)) {
            this.consume();
          } else {
            throw this.error(new TomlError("Incomplete datetime"));
          }
        }
        parseTimeMin() {
          if (this.state.buf.length < 2 && isDigit(this.char)) {
            this.consume();
          } else if (this.state.buf.length === 2 && this.char === CHAR_COLON) {
            this.state.result += ":" + this.state.buf;
            this.state.buf = "";
            return this.next(this.parseTimeSec);
          } else {
            throw this.error(new TomlError("Incomplete datetime"));
          }
        }
        parseTimeSec() {
          if (isDigit(this.char)) {
            this.consume();
            if (this.state.buf.length === 2) {
              this.state.result += ":" + this.state.buf;
              this.state.buf = "";
              return this.next(this.parseTimeZoneOrFraction);
            }
          } else {
            throw this.error(new TomlError("Incomplete datetime"));
          }
        }
        parseOnlyTimeHour() {
          if (this.char === CHAR_COLON) {
            if (this.state.buf.length < 2) {
              throw this.error(new TomlError("Hours less than 10 must be zero padded to two characters"));
            }
            this.state.result = this.state.buf;
            this.state.buf = "";
            return this.next(this.parseOnlyTimeMin);
          } else {
            throw this.error(new TomlError("Incomplete time"));
          }
        }
        parseOnlyTimeMin() {
          if (this.state.buf.length < 2 && isDigit(this.char)) {
            this.consume();
          } else if (this.state.buf.length === 2 && this.char === CHAR_COLON) {
            this.state.result += ":" + this.state.buf;
            this.state.buf = "";
            return this.next(this.parseOnlyTimeSec);
          } else {
            throw this.error(new TomlError("Incomplete time"));
          }
        }
        parseOnlyTimeSec() {
          if (isDigit(this.char)) {
            this.consume();
            if (this.state.buf.length === 2) {
              return this.next(this.parseOnlyTimeFractionMaybe);
            }
          } else {
            throw this.error(new TomlError("Incomplete time"));
          }
        }
        parseOnlyTimeFractionMaybe() {
          this.state.result += ":" + this.state.buf;
          if (this.char === CHAR_PERIOD) {
            this.state.buf = "";
            this.next(this.parseOnlyTimeFraction);
          } else {
            return this.return(createTime(this.state.result));
          }
        }
        parseOnlyTimeFraction() {
          if (isDigit(this.char)) {
            this.consume();
          } else if (this.atEndOfWord()) {
            if (this.state.buf.length === 0) throw this.error(new TomlError("Expected digit in milliseconds"));
            return this.returnNow(createTime(this.state.result + "." + this.state.buf));
          } else {
            throw this.error(new TomlError("Unexpected character in datetime, expected period (.), minus (-), plus (+) or Z"));
          }
        }
        parseTimeZoneOrFraction() {
          if (this.char === CHAR_PERIOD) {
            this.consume();
            this.next(this.parseDateTimeFraction);
          } else if (this.char === CHAR_HYPHEN || this.char === CHAR_PLUS) {
            this.consume();
            this.next(this.parseTimeZoneHour);
          } else if (this.char === CHAR_Z) {
            this.consume();
            return this.return(createDateTime(this.state.result + this.state.buf));
          } else if (this.atEndOfWord()) {
            return this.returnNow(createDateTimeFloat(this.state.result + this.state.buf));
          } else {
            throw this.error(new TomlError("Unexpected character in datetime, expected period (.), minus (-), plus (+) or Z"));
          }
        }
        parseDateTimeFraction() {
          if (isDigit(this.char)) {
            this.consume();
          } else if (this.state.buf.length === 1) {
            throw this.error(new TomlError("Expected digit in milliseconds"));
          } else if (this.char === CHAR_HYPHEN || this.char === CHAR_PLUS) {
            this.consume();
            this.next(this.parseTimeZoneHour);
          } else if (this.char === CHAR_Z) {
            this.consume();
            return this.return(createDateTime(this.state.result + this.state.buf));
          } else if (this.atEndOfWord()) {
            return this.returnNow(createDateTimeFloat(this.state.result + this.state.buf));
          } else {
            throw this.error(new TomlError("Unexpected character in datetime, expected period (.), minus (-), plus (+) or Z"));
          }
        }
        parseTimeZoneHour() {
          if (isDigit(this.char)) {
            this.consume();
            if (/\d\d$/.test(this.state.buf)) return this.next(this.parseTimeZoneSep);
          } else {
            throw this.error(new TomlError("Unexpected character in datetime, expected digit"));
          }
        }
        parseTimeZoneSep() {
          if (this.char === CHAR_COLON) {
            this.consume();
            this.next(this.parseTimeZoneMin);
          } else {
            throw this.error(new TomlError("Unexpected character in datetime, expected colon"));
          }
        }
        parseTimeZoneMin() {
          if (isDigit(this.char)) {
            this.consume();
            if (/\d\d$/.test(this.state.buf)) return this.return(createDateTime(this.state.result + this.state.buf));
          } else {
            throw this.error(new TomlError("Unexpected character in datetime, expected digit"));
          }
        }
        /* BOOLEAN */
        parseBoolean() {
          if (this.char === CHAR_t) {
            this.consume();
            return this.next(this.parseTrue_r);
          } else if (this.char === CHAR_f) {
            this.consume();
            return this.next(this.parseFalse_a);
          }
        }
        parseTrue_r() {
          if (this.char === CHAR_r) {
            this.consume();
            return this.next(this.parseTrue_u);
          } else {
            throw this.error(new TomlError("Invalid boolean, expected true or false"));
          }
        }
        parseTrue_u() {
          if (this.char === CHAR_u) {
            this.consume();
            return this.next(this.parseTrue_e);
          } else {
            throw this.error(new TomlError("Invalid boolean, expected true or false"));
          }
        }
        parseTrue_e() {
          if (this.char === CHAR_e) {
            return this.return(true);
          } else {
            throw this.error(new TomlError("Invalid boolean, expected true or false"));
          }
        }
        parseFalse_a() {
          if (this.char === CHAR_a) {
            this.consume();
            return this.next(this.parseFalse_l);
          } else {
            throw this.error(new TomlError("Invalid boolean, expected true or false"));
          }
        }
        parseFalse_l() {
          if (this.char === CHAR_l) {
            this.consume();
            return this.next(this.parseFalse_s);
          } else {
            throw this.error(new TomlError("Invalid boolean, expected true or false"));
          }
        }
        parseFalse_s() {
          if (this.char === CHAR_s) {
            this.consume();
            return this.next(this.parseFalse_e);
          } else {
            throw this.error(new TomlError("Invalid boolean, expected true or false"));
          }
        }
        parseFalse_e() {
          if (this.char === CHAR_e) {
            return this.return(false);
          } else {
            throw this.error(new TomlError("Invalid boolean, expected true or false"));
          }
        }
        /* INLINE LISTS */
        parseInlineList() {
          if (this.char === CHAR_SP || this.char === CTRL_I || this.char === CTRL_M || this.char === CTRL_J) {
            return null;
          } else if (this.char === Parser.END) {
            throw this.error(new TomlError("Unterminated inline array"));
          } else if (this.char === CHAR_NUM) {
            return this.call(this.parseComment);
          } else if (this.char === CHAR_RSQB) {
            return this.return(this.state.resultArr || InlineList());
          } else {
            return this.callNow(this.parseValue, this.recordInlineListValue);
          }
        }
        recordInlineListValue(value) {
          if (!this.state.resultArr) {
            this.state.resultArr = InlineList(tomlType(value));
          }
          if (isFloat(value) || isInteger(value)) {
            this.state.resultArr.push(value.valueOf());
          } else {
            this.state.resultArr.push(value);
          }
          return this.goto(this.parseInlineListNext);
        }
        parseInlineListNext() {
          if (this.char === CHAR_SP || this.char === CTRL_I || this.char === CTRL_M || this.char === CTRL_J) {
            return null;
          } else if (this.char === CHAR_NUM) {
            return this.call(this.parseComment);
          } else if (this.char === CHAR_COMMA) {
            return this.next(this.parseInlineList);
          } else if (this.char === CHAR_RSQB) {
            return this.goto(this.parseInlineList);
          } else {
            throw this.error(new TomlError("Invalid character, expected whitespace, comma (,) or close bracket (])"));
          }
        }
        /* INLINE TABLE */
        parseInlineTable() {
          if (this.char === CHAR_SP || this.char === CTRL_I) {
            return null;
          } else if (this.char === Parser.END || this.char === CHAR_NUM || this.char === CTRL_J || this.char === CTRL_M) {
            throw this.error(new TomlError("Unterminated inline array"));
          } else if (this.char === CHAR_RCUB) {
            return this.return(this.state.resultTable || InlineTable());
          } else {
            if (!this.state.resultTable) this.state.resultTable = InlineTable();
            return this.callNow(this.parseAssign, this.recordInlineTableValue);
          }
        }
        recordInlineTableValue(kv) {
          let target = this.state.resultTable;
          let finalKey = kv.key.pop();
          for (let kw of kv.key) {
            if (hasKey(target, kw) && (!isTable(target[kw]) || target[kw][_declared])) {
              throw this.error(new TomlError("Can't redefine existing key"));
            }
            target = target[kw] = target[kw] || Table();
          }
          if (hasKey(target, finalKey)) {
            throw this.error(new TomlError("Can't redefine existing key"));
          }
          if (isInteger(kv.value) || isFloat(kv.value)) {
            target[finalKey] = kv.value.valueOf();
          } else {
            target[finalKey] = kv.value;
          }
          return this.goto(this.parseInlineTableNext);
        }
        parseInlineTableNext() {
          if (this.char === CHAR_SP || this.char === CTRL_I) {
            return null;
          } else if (this.char === Parser.END || this.char === CHAR_NUM || this.char === CTRL_J || this.char === CTRL_M) {
            throw this.error(new TomlError("Unterminated inline array"));
          } else if (this.char === CHAR_COMMA) {
            return this.next(this.parseInlineTablePostComma);
          } else if (this.char === CHAR_RCUB) {
            return this.goto(this.parseInlineTable);
          } else {
            throw this.error(new TomlError("Invalid character, expected whitespace, comma (,) or close bracket (])"));
          }
        }
        parseInlineTablePostComma() {
          if (this.char === CHAR_SP || this.char === CTRL_I) {
            return null;
          } else if (this.char === Parser.END || this.char === CHAR_NUM || this.char === CTRL_J || this.char === CTRL_M) {
            throw this.error(new TomlError("Unterminated inline array"));
          } else if (this.char === CHAR_COMMA) {
            throw this.error(new TomlError("Empty elements in inline tables are not permitted"));
          } else if (this.char === CHAR_RCUB) {
            throw this.error(new TomlError("Trailing commas in inline tables are not permitted"));
          } else {
            return this.goto(this.parseInlineTable);
          }
        }
      }
      return TOMLParser;
    }
  }
});

// node_modules/@iarna/toml/parse-pretty-error.js
var require_parse_pretty_error = __commonJS({
  "node_modules/@iarna/toml/parse-pretty-error.js"(exports2, module2) {
    "use strict";
    module2.exports = prettyError;
    function prettyError(err, buf) {
      if (err.pos == null || err.line == null) return err;
      let msg = err.message;
      msg += ` at row ${err.line + 1}, col ${err.col + 1}, pos ${err.pos}:
`;
      if (buf && buf.split) {
        const lines = buf.split(/\n/);
        const lineNumWidth = String(Math.min(lines.length, err.line + 3)).length;
        let linePadding = " ";
        while (linePadding.length < lineNumWidth) linePadding += " ";
        for (let ii = Math.max(0, err.line - 1); ii < Math.min(lines.length, err.line + 2); ++ii) {
          let lineNum = String(ii + 1);
          if (lineNum.length < lineNumWidth) lineNum = " " + lineNum;
          if (err.line === ii) {
            msg += lineNum + "> " + lines[ii] + "\n";
            msg += linePadding + "  ";
            for (let hh = 0; hh < err.col; ++hh) {
              msg += " ";
            }
            msg += "^\n";
          } else {
            msg += lineNum + ": " + lines[ii] + "\n";
          }
        }
      }
      err.message = msg + "\n";
      return err;
    }
  }
});

// node_modules/@iarna/toml/parse-string.js
var require_parse_string = __commonJS({
  "node_modules/@iarna/toml/parse-string.js"(exports2, module2) {
    "use strict";
    module2.exports = parseString;
    var TOMLParser = require_toml_parser();
    var prettyError = require_parse_pretty_error();
    function parseString(str) {
      if (global.Buffer && global.Buffer.isBuffer(str)) {
        str = str.toString("utf8");
      }
      const parser = new TOMLParser();
      try {
        parser.parse(str);
        return parser.finish();
      } catch (err) {
        throw prettyError(err, str);
      }
    }
  }
});

// node_modules/@iarna/toml/parse-async.js
var require_parse_async = __commonJS({
  "node_modules/@iarna/toml/parse-async.js"(exports2, module2) {
    "use strict";
    module2.exports = parseAsync;
    var TOMLParser = require_toml_parser();
    var prettyError = require_parse_pretty_error();
    function parseAsync(str, opts) {
      if (!opts) opts = {};
      const index = 0;
      const blocksize = opts.blocksize || 40960;
      const parser = new TOMLParser();
      return new Promise((resolve, reject) => {
        setImmediate(parseAsyncNext, index, blocksize, resolve, reject);
      });
      function parseAsyncNext(index2, blocksize2, resolve, reject) {
        if (index2 >= str.length) {
          try {
            return resolve(parser.finish());
          } catch (err) {
            return reject(prettyError(err, str));
          }
        }
        try {
          parser.parse(str.slice(index2, index2 + blocksize2));
          setImmediate(parseAsyncNext, index2 + blocksize2, blocksize2, resolve, reject);
        } catch (err) {
          reject(prettyError(err, str));
        }
      }
    }
  }
});

// node_modules/@iarna/toml/parse-stream.js
var require_parse_stream = __commonJS({
  "node_modules/@iarna/toml/parse-stream.js"(exports2, module2) {
    "use strict";
    module2.exports = parseStream;
    var stream = __require("stream");
    var TOMLParser = require_toml_parser();
    function parseStream(stm) {
      if (stm) {
        return parseReadable(stm);
      } else {
        return parseTransform(stm);
      }
    }
    function parseReadable(stm) {
      const parser = new TOMLParser();
      stm.setEncoding("utf8");
      return new Promise((resolve, reject) => {
        let readable;
        let ended = false;
        let errored = false;
        function finish() {
          ended = true;
          if (readable) return;
          try {
            resolve(parser.finish());
          } catch (err) {
            reject(err);
          }
        }
        function error(err) {
          errored = true;
          reject(err);
        }
        stm.once("end", finish);
        stm.once("error", error);
        readNext();
        function readNext() {
          readable = true;
          let data;
          while ((data = stm.read()) !== null) {
            try {
              parser.parse(data);
            } catch (err) {
              return error(err);
            }
          }
          readable = false;
          if (ended) return finish();
          if (errored) return;
          stm.once("readable", readNext);
        }
      });
    }
    function parseTransform() {
      const parser = new TOMLParser();
      return new stream.Transform({
        objectMode: true,
        transform(chunk, encoding, cb) {
          try {
            parser.parse(chunk.toString(encoding));
          } catch (err) {
            this.emit("error", err);
          }
          cb();
        },
        flush(cb) {
          try {
            this.push(parser.finish());
          } catch (err) {
            this.emit("error", err);
          }
          cb();
        }
      });
    }
  }
});

// node_modules/@iarna/toml/parse.js
var require_parse = __commonJS({
  "node_modules/@iarna/toml/parse.js"(exports2, module2) {
    "use strict";
    module2.exports = require_parse_string();
    module2.exports.async = require_parse_async();
    module2.exports.stream = require_parse_stream();
    module2.exports.prettyError = require_parse_pretty_error();
  }
});

// node_modules/@iarna/toml/stringify.js
var require_stringify = __commonJS({
  "node_modules/@iarna/toml/stringify.js"(exports2, module2) {
    "use strict";
    module2.exports = stringify;
    module2.exports.value = stringifyInline;
    function stringify(obj2) {
      if (obj2 === null) throw typeError("null");
      if (obj2 === void 0) throw typeError("undefined");
      if (typeof obj2 !== "object") throw typeError(typeof obj2);
      if (typeof obj2.toJSON === "function") obj2 = obj2.toJSON();
      if (obj2 == null) return null;
      const type = tomlType3(obj2);
      if (type !== "table") throw typeError(type);
      return stringifyObject("", "", obj2);
    }
    function typeError(type) {
      return new Error("Can only stringify objects, not " + type);
    }
    function getInlineKeys(obj2) {
      return Object.keys(obj2).filter((key) => isInline(obj2[key]));
    }
    function getComplexKeys(obj2) {
      return Object.keys(obj2).filter((key) => !isInline(obj2[key]));
    }
    function toJSON(obj2) {
      let nobj = Array.isArray(obj2) ? [] : Object.prototype.hasOwnProperty.call(obj2, "__proto__") ? { ["__proto__"]: void 0 } : {};
      for (let prop of Object.keys(obj2)) {
        if (obj2[prop] && typeof obj2[prop].toJSON === "function" && !("toISOString" in obj2[prop])) {
          nobj[prop] = obj2[prop].toJSON();
        } else {
          nobj[prop] = obj2[prop];
        }
      }
      return nobj;
    }
    function stringifyObject(prefix, indent, obj2) {
      obj2 = toJSON(obj2);
      let inlineKeys;
      let complexKeys;
      inlineKeys = getInlineKeys(obj2);
      complexKeys = getComplexKeys(obj2);
      const result = [];
      const inlineIndent = indent || "";
      inlineKeys.forEach((key) => {
        var type = tomlType3(obj2[key]);
        if (type !== "undefined" && type !== "null") {
          result.push(inlineIndent + stringifyKey(key) + " = " + stringifyAnyInline(obj2[key], true));
        }
      });
      if (result.length > 0) result.push("");
      const complexIndent = prefix && inlineKeys.length > 0 ? indent + "  " : "";
      complexKeys.forEach((key) => {
        result.push(stringifyComplex(prefix, complexIndent, key, obj2[key]));
      });
      return result.join("\n");
    }
    function isInline(value) {
      switch (tomlType3(value)) {
        case "undefined":
        case "null":
        case "integer":
        case "nan":
        case "float":
        case "boolean":
        case "string":
        case "datetime":
          return true;
        case "array":
          return value.length === 0 || tomlType3(value[0]) !== "table";
        case "table":
          return Object.keys(value).length === 0;
        /* istanbul ignore next */
        default:
          return false;
      }
    }
    function tomlType3(value) {
      if (value === void 0) {
        return "undefined";
      } else if (value === null) {
        return "null";
      } else if (typeof value === "bigint" || Number.isInteger(value) && !Object.is(value, -0)) {
        return "integer";
      } else if (typeof value === "number") {
        return "float";
      } else if (typeof value === "boolean") {
        return "boolean";
      } else if (typeof value === "string") {
        return "string";
      } else if ("toISOString" in value) {
        return isNaN(value) ? "undefined" : "datetime";
      } else if (Array.isArray(value)) {
        return "array";
      } else {
        return "table";
      }
    }
    function stringifyKey(key) {
      const keyStr = String(key);
      if (/^[-A-Za-z0-9_]+$/.test(keyStr)) {
        return keyStr;
      } else {
        return stringifyBasicString(keyStr);
      }
    }
    function stringifyBasicString(str) {
      return '"' + escapeString(str).replace(/"/g, '\\"') + '"';
    }
    function stringifyLiteralString(str) {
      return "'" + str + "'";
    }
    function numpad(num, str) {
      while (str.length < num) str = "0" + str;
      return str;
    }
    function escapeString(str) {
      return str.replace(/\\/g, "\\\\").replace(/[\b]/g, "\\b").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\f/g, "\\f").replace(/\r/g, "\\r").replace(/([\u0000-\u001f\u007f])/, (c) => "\\u" + numpad(4, c.codePointAt(0).toString(16)));
    }
    function stringifyMultilineString(str) {
      let escaped = str.split(/\n/).map((str2) => {
        return escapeString(str2).replace(/"(?="")/g, '\\"');
      }).join("\n");
      if (escaped.slice(-1) === '"') escaped += "\\\n";
      return '"""\n' + escaped + '"""';
    }
    function stringifyAnyInline(value, multilineOk) {
      let type = tomlType3(value);
      if (type === "string") {
        if (multilineOk && /\n/.test(value)) {
          type = "string-multiline";
        } else if (!/[\b\t\n\f\r']/.test(value) && /"/.test(value)) {
          type = "string-literal";
        }
      }
      return stringifyInline(value, type);
    }
    function stringifyInline(value, type) {
      if (!type) type = tomlType3(value);
      switch (type) {
        case "string-multiline":
          return stringifyMultilineString(value);
        case "string":
          return stringifyBasicString(value);
        case "string-literal":
          return stringifyLiteralString(value);
        case "integer":
          return stringifyInteger(value);
        case "float":
          return stringifyFloat(value);
        case "boolean":
          return stringifyBoolean(value);
        case "datetime":
          return stringifyDatetime(value);
        case "array":
          return stringifyInlineArray(value.filter((_) => tomlType3(_) !== "null" && tomlType3(_) !== "undefined" && tomlType3(_) !== "nan"));
        case "table":
          return stringifyInlineTable(value);
        /* istanbul ignore next */
        default:
          throw typeError(type);
      }
    }
    function stringifyInteger(value) {
      return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, "_");
    }
    function stringifyFloat(value) {
      if (value === Infinity) {
        return "inf";
      } else if (value === -Infinity) {
        return "-inf";
      } else if (Object.is(value, NaN)) {
        return "nan";
      } else if (Object.is(value, -0)) {
        return "-0.0";
      }
      const [int, dec] = String(value).split(".");
      return stringifyInteger(int) + "." + dec;
    }
    function stringifyBoolean(value) {
      return String(value);
    }
    function stringifyDatetime(value) {
      return value.toISOString();
    }
    function stringifyInlineArray(values) {
      values = toJSON(values);
      let result = "[";
      const stringified = values.map((_) => stringifyInline(_));
      if (stringified.join(", ").length > 60 || /\n/.test(stringified)) {
        result += "\n  " + stringified.join(",\n  ") + "\n";
      } else {
        result += " " + stringified.join(", ") + (stringified.length > 0 ? " " : "");
      }
      return result + "]";
    }
    function stringifyInlineTable(value) {
      value = toJSON(value);
      const result = [];
      Object.keys(value).forEach((key) => {
        result.push(stringifyKey(key) + " = " + stringifyAnyInline(value[key], false));
      });
      return "{ " + result.join(", ") + (result.length > 0 ? " " : "") + "}";
    }
    function stringifyComplex(prefix, indent, key, value) {
      const valueType = tomlType3(value);
      if (valueType === "array") {
        return stringifyArrayOfTables(prefix, indent, key, value);
      } else if (valueType === "table") {
        return stringifyComplexTable(prefix, indent, key, value);
      } else {
        throw typeError(valueType);
      }
    }
    function stringifyArrayOfTables(prefix, indent, key, values) {
      values = toJSON(values);
      const firstValueType = tomlType3(values[0]);
      if (firstValueType !== "table") throw typeError(firstValueType);
      const fullKey = prefix + stringifyKey(key);
      let result = "";
      values.forEach((table) => {
        if (result.length > 0) result += "\n";
        result += indent + "[[" + fullKey + "]]\n";
        result += stringifyObject(fullKey + ".", indent, table);
      });
      return result;
    }
    function stringifyComplexTable(prefix, indent, key, value) {
      const fullKey = prefix + stringifyKey(key);
      let result = "";
      if (getInlineKeys(value).length > 0) {
        result += indent + "[" + fullKey + "]\n";
      }
      return result + stringifyObject(fullKey + ".", indent, value);
    }
  }
});

// node_modules/@iarna/toml/toml.js
var require_toml = __commonJS({
  "node_modules/@iarna/toml/toml.js"(exports2) {
    "use strict";
    exports2.parse = require_parse();
    exports2.stringify = require_stringify();
  }
});

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports2) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar2(node) || isCollection(node)) && !!node.anchor;
    exports2.ALIAS = ALIAS;
    exports2.DOC = DOC;
    exports2.MAP = MAP;
    exports2.NODE_TYPE = NODE_TYPE;
    exports2.PAIR = PAIR;
    exports2.SCALAR = SCALAR;
    exports2.SEQ = SEQ;
    exports2.hasAnchor = hasAnchor;
    exports2.isAlias = isAlias;
    exports2.isCollection = isCollection;
    exports2.isDocument = isDocument;
    exports2.isMap = isMap2;
    exports2.isNode = isNode;
    exports2.isPair = isPair;
    exports2.isScalar = isScalar2;
    exports2.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path) {
      const ctrl = callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = visit_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path) {
      const ctrl = await callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key, node, path);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
      return void 0;
    }
    function replaceNode(key, path, node) {
      const parent = path[path.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports2.visit = visit;
    exports2.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports2.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports2.anchorIsValid = anchorIsValid;
    exports2.anchorNames = anchorNames;
    exports2.createNodeAnchors = createNodeAnchors;
    exports2.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports2) {
    "use strict";
    function applyReviver(reviver, obj2, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj2, key, val);
    }
    exports2.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports2) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports2.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports2) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports2.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports2) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports2.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports2.Scalar = Scalar;
    exports2.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports2.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path, value) {
      let v = value;
      for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value) {
        if (isEmptyPath(path))
          this.add(value);
        else {
          const [key, ...rest] = path;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports2.Collection = Collection;
    exports2.collectionFromPath = collectionFromPath;
    exports2.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports2) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports2.indentComment = indentComment;
    exports2.lineComment = lineComment;
    exports2.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports2) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports2.FOLD_BLOCK = FOLD_BLOCK;
    exports2.FOLD_FLOW = FOLD_FLOW;
    exports2.FOLD_QUOTED = FOLD_QUOTED;
    exports2.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type2) => {
        switch (_type2) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports2.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify2 = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports2) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj2;
      if (identity.isScalar(item)) {
        obj2 = item.value;
        let match = tags.filter((t) => t.identify?.(obj2));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj2 = item;
        tagObj = tags.find((t) => t.nodeClass && obj2 instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj2?.constructor?.name ?? (obj2 === null ? "null" : typeof obj2);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports2.createStringifyContext = createStringifyContext;
    exports2.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify2();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports2.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports2) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports2.debug = debug;
    exports2.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports2.addMergeToJSMap = addMergeToJSMap;
    exports2.isMergeKey = isMergeKey;
    exports2.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports2) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify2();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports2.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports2.Pair = Pair;
    exports2.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify2();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports2.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports2) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj2, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj2, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj2 instanceof Map) {
          for (const [key, value] of obj2)
            add(key, value);
        } else if (obj2 && typeof obj2 === "object") {
          for (const key of Object.keys(obj2))
            add(key, obj2[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports2.YAMLMap = YAMLMap;
    exports2.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj2, ctx) => YAMLMap.YAMLMap.from(schema, obj2, ctx)
    };
    exports2.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj2, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj2 && Symbol.iterator in Object(obj2)) {
          let i = 0;
          for (let it of obj2) {
            if (typeof replacer === "function") {
              const key = obj2 instanceof Set ? it : String(i++);
              it = replacer.call(obj2, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports2.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj2, ctx) => YAMLSeq.YAMLSeq.from(schema, obj2, ctx)
    };
    exports2.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports2) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports2.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports2.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports2.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports2) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports2.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports2.float = float;
    exports2.floatExp = floatExp;
    exports2.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports2.int = int;
    exports2.intHex = intHex;
    exports2.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports2) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports2.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports2.createPairs = createPairs;
    exports2.pairs = pairs;
    exports2.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports2.YAMLOMap = YAMLOMap;
    exports2.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports2.falseTag = falseTag;
    exports2.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports2.float = float;
    exports2.floatExp = floatExp;
    exports2.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports2.int = int;
    exports2.intBin = intBin;
    exports2.intHex = intHex;
    exports2.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports2.YAMLSet = YAMLSet;
    exports2.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports2.floatTime = floatTime;
    exports2.intTime = intTime;
    exports2.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports2.coreKnownTags = coreKnownTags;
    exports2.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports2.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify2();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports2.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection.isEmptyPath(path))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports2.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports2) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports2.YAMLError = YAMLError;
    exports2.YAMLParseError = YAMLParseError;
    exports2.YAMLWarning = YAMLWarning;
    exports2.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports2) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports2.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports2) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports2.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports2) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports2.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports2) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports2.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports2) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports2.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports2) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports2.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports2) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports2.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports2.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports2.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports2.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type2;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type2 = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type2 = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type2 = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type2,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports2.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports2.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports2) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports2.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports2.composeEmptyNode = composeEmptyNode;
    exports2.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports2) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports2.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports2) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports2.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports2) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports2.createScalarToken = createScalarToken;
    exports2.resolveAsScalar = resolveAsScalar;
    exports2.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports2) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports2.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports2) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path) => {
      const parent = visit.itemAtPath(cst, path.slice(0, -1));
      const field = path[path.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports2.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports2) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports2.createScalarToken = cstScalar.createScalarToken;
    exports2.resolveAsScalar = cstScalar.resolveAsScalar;
    exports2.setScalarValue = cstScalar.setScalarValue;
    exports2.stringify = cstStringify.stringify;
    exports2.visit = cstVisit.visit;
    exports2.BOM = BOM;
    exports2.DOCUMENT = DOCUMENT;
    exports2.FLOW_END = FLOW_END;
    exports2.SCALAR = SCALAR;
    exports2.isCollection = isCollection;
    exports2.isScalar = isScalar2;
    exports2.prettyToken = prettyToken;
    exports2.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports2) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports2.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports2) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports2.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser2 = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports2) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list2, type) {
      for (let i = 0; i < list2.length; ++i)
        if (list2[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list2) {
      for (let i = 0; i < list2.length; ++i) {
        switch (list2[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports2.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports2) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser2();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports2.parse = parse;
    exports2.parseAllDocuments = parseAllDocuments;
    exports2.parseDocument = parseDocument2;
    exports2.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports2) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser2();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports2.Composer = composer.Composer;
    exports2.Document = Document.Document;
    exports2.Schema = Schema.Schema;
    exports2.YAMLError = errors.YAMLError;
    exports2.YAMLParseError = errors.YAMLParseError;
    exports2.YAMLWarning = errors.YAMLWarning;
    exports2.Alias = Alias.Alias;
    exports2.isAlias = identity.isAlias;
    exports2.isCollection = identity.isCollection;
    exports2.isDocument = identity.isDocument;
    exports2.isMap = identity.isMap;
    exports2.isNode = identity.isNode;
    exports2.isPair = identity.isPair;
    exports2.isScalar = identity.isScalar;
    exports2.isSeq = identity.isSeq;
    exports2.Pair = Pair.Pair;
    exports2.Scalar = Scalar.Scalar;
    exports2.YAMLMap = YAMLMap.YAMLMap;
    exports2.YAMLSeq = YAMLSeq.YAMLSeq;
    exports2.CST = cst;
    exports2.Lexer = lexer.Lexer;
    exports2.LineCounter = lineCounter.LineCounter;
    exports2.Parser = parser.Parser;
    exports2.parse = publicApi.parse;
    exports2.parseAllDocuments = publicApi.parseAllDocuments;
    exports2.parseDocument = publicApi.parseDocument;
    exports2.stringify = publicApi.stringify;
    exports2.visit = visit.visit;
    exports2.visitAsync = visit.visitAsync;
  }
});

// src/lib/version.ts
var VERSION = "0.1.0";

// src/core/appconfig/parse.ts
var import_toml = __toESM(require_toml(), 1);

// src/core/appconfig/locate.ts
function formatKeyPath(path) {
  let out = "";
  for (const seg of path) out += formatSegment(seg, out === "");
  return out;
}
function formatSegment(seg, first) {
  if (typeof seg === "number") return `[${seg}]`;
  if (/^[A-Za-z0-9_-]+$/.test(seg)) return first ? seg : `.${seg}`;
  return `[${JSON.stringify(seg)}]`;
}
function parseKeyPath(path) {
  const out = [];
  const re = /\.?([A-Za-z0-9_-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== void 0) out.push(m[1]);
    else if (m[2] !== void 0) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]));
  }
  return out;
}
var MAX_DEPTH = 64;
function locateKeys(text) {
  const lines = /* @__PURE__ */ new Map();
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) {
    if (text[k] === "\n") lineStarts.push(k + 1);
  }
  const lineAt = (pos) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const record2 = (path, line) => {
    const ends = [];
    let key = "";
    for (const seg of path.slice(0, MAX_DEPTH)) {
      key += formatSegment(seg, key === "");
      ends.push(key.length);
    }
    lines.set(key, line);
    for (let k = ends.length - 2; k >= 0; k--) {
      const prefix = key.slice(0, ends[k]);
      if (lines.has(prefix)) break;
      lines.set(prefix, line);
    }
  };
  const n = text.length;
  let i = 0;
  const skipWs = () => {
    while (i < n && (text[i] === " " || text[i] === "	")) i++;
  };
  const skipWsNl = () => {
    for (; ; ) {
      while (i < n && " 	\r\n".includes(text[i])) i++;
      if (i < n && text[i] === "#") {
        while (i < n && text[i] !== "\n") i++;
      } else {
        return;
      }
    }
  };
  const skipToEol = () => {
    while (i < n && text[i] !== "\n") i++;
    if (i < n) i++;
  };
  const readString = () => {
    const quote = text[i];
    const triple = text.startsWith(quote.repeat(3), i);
    i += triple ? 3 : 1;
    let out = "";
    while (i < n) {
      const c = text[i];
      if (triple && text.startsWith(quote.repeat(3), i)) {
        i += 3;
        let extra = 0;
        while (extra < 2 && text[i] === quote) {
          out += quote;
          i++;
          extra++;
        }
        return out;
      }
      if (!triple && (c === quote || c === "\n")) {
        if (c === quote) i++;
        return out;
      }
      if (quote === '"' && c === "\\") {
        const e = text[i + 1];
        const simple = {
          b: "\b",
          t: "	",
          n: "\n",
          f: "\f",
          r: "\r",
          e: "\x1B",
          '"': '"',
          "\\": "\\"
        };
        if (e !== void 0 && simple[e] !== void 0) {
          out += simple[e];
          i += 2;
        } else if (e === "u" || e === "U") {
          const len = e === "u" ? 4 : 8;
          const hex = text.slice(i + 2, i + 2 + len);
          const cp = /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
          out += Number.isFinite(cp) && cp <= 1114111 ? String.fromCodePoint(cp) : "";
          i += 2 + len;
        } else {
          i += 2;
        }
        continue;
      }
      out += c;
      i++;
    }
    return out;
  };
  const readKey = () => {
    const keys = [];
    for (; ; ) {
      skipWs();
      const c = text[i];
      if (c === '"' || c === "'") {
        keys.push(readString());
      } else {
        const start = i;
        while (i < n && /[A-Za-z0-9_-]/.test(text[i])) i++;
        if (i === start) return keys.length > 0 ? keys : void 0;
        keys.push(text.slice(start, i));
      }
      skipWs();
      if (text[i] === ".") {
        i++;
        continue;
      }
      return keys;
    }
  };
  const skipNested = () => {
    let depth = 0;
    while (i < n) {
      const c = text[i];
      if (c === '"' || c === "'") {
        readString();
        continue;
      }
      if (c === "#") {
        while (i < n && text[i] !== "\n") i++;
        continue;
      }
      i++;
      if (c === "[" || c === "{") depth++;
      else if ((c === "]" || c === "}") && --depth === 0) return;
    }
  };
  const readValue = (path) => {
    const c = text[i];
    if (path.length >= MAX_DEPTH && (c === "[" || c === "{")) {
      skipNested();
      return;
    }
    if (c === '"' || c === "'") {
      readString();
      return;
    }
    if (c === "[") {
      i++;
      let idx = 0;
      for (; ; ) {
        skipWsNl();
        if (i >= n) return;
        if (text[i] === "]") {
          i++;
          return;
        }
        const start = i;
        const elem = [...path, idx];
        record2(elem, lineAt(i));
        readValue(elem);
        skipWsNl();
        if (text[i] === ",") {
          i++;
          idx++;
        } else if (text[i] === "]") {
          i++;
          return;
        } else if (i === start) {
          i++;
        } else {
          return;
        }
      }
    }
    if (c === "{") {
      i++;
      for (; ; ) {
        skipWsNl();
        if (i >= n) return;
        if (text[i] === "}") {
          i++;
          return;
        }
        const keys = readKey();
        if (keys === void 0) {
          i++;
          continue;
        }
        skipWs();
        if (text[i] === "=") i++;
        skipWs();
        const sub = [...path, ...keys];
        record2(sub, lineAt(i));
        readValue(sub);
        skipWsNl();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else return;
      }
    }
    while (i < n && !",]}\n#".includes(text[i])) i++;
  };
  const aot = /* @__PURE__ */ new Map();
  let current = [];
  const resolve = (keys, arrayHeader) => {
    const out = [];
    let p = "";
    keys.forEach((k, idx) => {
      out.push(k);
      if (idx >= MAX_DEPTH) return;
      p += formatSegment(k, p === "");
      if (idx === keys.length - 1 && arrayHeader) {
        const count = aot.get(p) ?? 0;
        aot.set(p, count + 1);
        out.push(count);
        p += formatSegment(count, false);
      } else if (aot.has(p)) {
        const last = aot.get(p) - 1;
        out.push(last);
        p += formatSegment(last, false);
      }
    });
    return out;
  };
  while (i < n) {
    skipWsNl();
    if (i >= n) break;
    const line = lineAt(i);
    const before = i;
    if (text[i] === "[") {
      const array = text[i + 1] === "[";
      i += array ? 2 : 1;
      const keys2 = readKey();
      if (keys2 !== void 0) {
        current = resolve(keys2, array);
        record2(current, line);
      }
      skipToEol();
      continue;
    }
    const keys = readKey();
    if (keys === void 0) {
      skipToEol();
      if (i === before) i++;
      continue;
    }
    skipWs();
    if (text[i] === "=") i++;
    skipWs();
    const full = [...current, ...keys];
    record2(full, line);
    readValue(full);
    skipToEol();
  }
  return {
    line(path) {
      const segs = typeof path === "string" ? parseKeyPath(path) : path;
      for (let k = segs.length; k > 0; k--) {
        const hit = lines.get(formatKeyPath(segs.slice(0, k)));
        if (hit !== void 0) return hit;
      }
      return void 0;
    }
  };
}

// src/core/diagnostics.ts
function oneLine(text) {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what it escapes
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => ({ "\n": "\\n", "\r": "\\r", "	": "\\t" })[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}
function hasErrors(diagnostics) {
  return diagnostics.some((d) => d.severity === "error");
}
function formatDiagnostic(d) {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ""}: ` : "";
  return `${where}${d.severity}: ${d.summary}${d.detail ? ` (${d.detail})` : ""}`;
}

// src/core/appconfig/origin.ts
var places = /* @__PURE__ */ new WeakMap();
function remember(value, origin, path) {
  places.set(value, { origin, path: [...path] });
  return value;
}
function diagnose(owner, fallback, sub, severity, code, summary, detail) {
  const place = places.get(owner);
  const path = [...place?.path ?? fallback, ...sub];
  const d = { severity, code, summary: oneLine(summary) };
  if (detail !== void 0) d.detail = oneLine(detail);
  if (place !== void 0) {
    d.file = place.origin.file;
    const line = place.origin.line(path);
    if (line !== void 0) d.line = line;
  }
  if (path.length > 0) d.key = formatKeyPath(path);
  return d;
}

// src/core/appconfig/duration.ts
var NS = 1n;
var US = 1000n * NS;
var MS = 1000n * US;
var S = 1000n * MS;
var M = 60n * S;
var H = 60n * M;
var UNITS = {
  ns: NS,
  us: US,
  \u00B5s: US,
  // U+00B5 micro sign
  \u03BCs: US,
  // U+03BC Greek mu
  ms: MS,
  s: S,
  m: M,
  h: H
};
var INT64_MAX = (1n << 63n) - 1n;
function parseGoDuration(text) {
  let s = text;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") return void 0;
  let total = 0n;
  while (s !== "") {
    if (!(s[0] === "." || isDigit2(s[0]))) return void 0;
    let i = 0;
    while (i < s.length && isDigit2(s[i])) i++;
    const whole = s.slice(0, i);
    s = s.slice(i);
    let frac = "";
    if (s[0] === ".") {
      s = s.slice(1);
      let j = 0;
      while (j < s.length && isDigit2(s[j])) j++;
      frac = s.slice(0, j);
      s = s.slice(j);
    }
    if (whole === "" && frac === "") return void 0;
    let u = 0;
    while (u < s.length && s[u] !== "." && !isDigit2(s[u])) u++;
    if (u === 0) return void 0;
    const name = s.slice(0, u);
    const unit = Object.hasOwn(UNITS, name) ? UNITS[name] : void 0;
    if (unit === void 0) return void 0;
    s = s.slice(u);
    let v = BigInt(whole === "" ? "0" : whole) * unit;
    if (frac !== "") v += BigInt(frac) * unit / 10n ** BigInt(frac.length);
    total += v;
    if (total > INT64_MAX + (neg ? 1n : 0n)) return void 0;
  }
  return neg ? -total : total;
}
function formatGoDuration(ns) {
  if (ns === 0n) return "0s";
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out;
  if (u < S) {
    let prec;
    let unit;
    if (u < US) {
      prec = 0;
      unit = "ns";
    } else if (u < MS) {
      prec = 3;
      unit = "\xB5s";
    } else {
      prec = 6;
      unit = "ms";
    }
    const [frac, rest] = fracPart(u, prec);
    out = `${rest}${frac}${unit}`;
  } else {
    const [frac, secs] = fracPart(u, 9);
    u = secs;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}
function durationToMs(text) {
  const ns = parseGoDuration(text);
  return ns === void 0 ? void 0 : Number(ns / MS);
}
function fracPart(v, prec) {
  let digits = "";
  let printed = false;
  for (let i = 0; i < prec; i++) {
    const d = v % 10n;
    printed = printed || d !== 0n;
    if (printed) digits = `${d}${digits}`;
    v /= 10n;
  }
  return [printed ? `.${digits}` : "", v];
}
function isDigit2(c) {
  return c >= "0" && c <= "9";
}

// src/core/appconfig/suggest.ts
function suggestKey(key, candidates) {
  const norm = (s) => s.toLowerCase().replace(/-/g, "_");
  const k = norm(key);
  const exact = candidates.find((c) => norm(c) === k);
  if (exact !== void 0) return exact;
  const words = (s) => norm(s).split("_").filter((w) => w !== "").map((w) => w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w).sort().join("_");
  const kw = words(key);
  const reordered = candidates.find((c) => words(c) === kw);
  if (reordered !== void 0) return reordered;
  let best;
  let bestDistance = Math.max(1, Math.floor(k.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(k, norm(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
function editDistance(a, b) {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = Array.from(
    { length: rows },
    (_, i) => Array.from({ length: cols }, (_2, j) => i === 0 ? j : j === 0 ? i : 0)
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + cost
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2][j - 2] + 1);
      }
      d[i][j] = v;
    }
  }
  return d[rows - 1][cols - 1];
}

// src/core/appconfig/reader.ts
function isTable2(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
function tomlType2(v) {
  if (typeof v === "string") return "string";
  if (typeof v === "bigint") return "integer";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "float";
  if (typeof v === "boolean") return "boolean";
  if (v instanceof Date) return "datetime";
  if (Array.isArray(v)) return "array";
  return "table";
}
function sectionName(path) {
  if (path.length === 0) return "the top level";
  const names = path.filter((s) => typeof s === "string");
  const array = typeof path[path.length - 1] === "number";
  return array ? `[[${names.join(".")}]]` : `[${names.join(".")}]`;
}
var Reader = class {
  constructor(origin) {
    this.origin = origin;
  }
  origin;
  diagnostics = [];
  /** report adds a diagnostic about `path`. */
  report(severity, code, path, summary, detail) {
    const d = {
      severity,
      code,
      summary: oneLine(summary),
      file: this.origin.file
    };
    if (detail !== void 0) d.detail = oneLine(detail);
    const line = this.origin.line(path);
    if (line !== void 0) d.line = line;
    if (path.length > 0) d.key = formatKeyPath(path);
    this.diagnostics.push(d);
  }
  /** error reports an error about `path`. */
  error(code, path, summary, detail) {
    this.report("error", code, path, summary, detail);
  }
  /** warn reports a warning about `path`. */
  warn(code, path, summary, detail) {
    this.report("warning", code, path, summary, detail);
  }
  /** wrongType reports a value of the wrong type; `severity` is a warning where flyctl converts it. */
  wrongType(path, value, expected, detail, severity = "error") {
    const key = lastKey(path);
    const found = tomlType2(value);
    const shown = typeof value === "number" && !Number.isFinite(value) ? ` ${Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf"}` : typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? ` ${JSON.stringify(value)}` : "";
    this.report(
      severity,
      "wrong-type",
      path,
      `"${key}" in ${sectionName(path.slice(0, -1))} must be ${expected}, not ${article(found)}${shown}`,
      detail
    );
  }
  /** checkKeys reports every key of `table` the rules do not allow. */
  checkKeys(table, path, rules) {
    for (const key of Object.keys(table)) {
      if (rules.known.includes(key)) continue;
      const at = [...path, key];
      const misplaced = ownValue(rules.misplaced, key);
      if (misplaced !== void 0) {
        this.error("misplaced-key", at, misplaced[0], misplaced[1]);
        continue;
      }
      const ignored = ownValue(rules.ignored, key);
      if (ignored !== void 0) {
        this.warn(
          "ignored-key",
          at,
          `"${key}" in ${sectionName(path)} is ignored by flyctl and by fly-rollout`,
          ignored
        );
        continue;
      }
      const suggestion = suggestKey(key, rules.known);
      if (suggestion === void 0 && rules.lenient) {
        this.warn(
          "ignored-key",
          at,
          `unknown key "${key}" in ${sectionName(path)} is ignored`,
          `flyctl ignores keys it does not know in ${sectionName(path)}`
        );
        continue;
      }
      this.error(
        "unknown-key",
        at,
        `unknown key "${key}" in ${sectionName(path)}`,
        suggestion !== void 0 ? `did you mean "${suggestion}"?` : `${sectionName(path)} accepts: ${[...rules.known].sort().join(", ")}`
      );
    }
  }
  /** str reads an optional string. */
  str(table, key, path) {
    const v = table[key];
    if (v === void 0) return void 0;
    if (typeof v === "string") return v;
    this.wrongType([...path, key], v, "a string");
    return void 0;
  }
  /** bool reads an optional boolean. */
  bool(table, key, path) {
    const v = table[key];
    if (v === void 0) return void 0;
    if (typeof v === "boolean") return v;
    this.wrongType(
      [...path, key],
      v,
      "a boolean",
      `write ${key} = true or ${key} = false`
    );
    return void 0;
  }
  /** int reads an optional integer. */
  int(table, key, path) {
    const v = table[key];
    if (v === void 0) return void 0;
    if (typeof v === "bigint") return Number(v);
    if (typeof v === "number" && Number.isInteger(v)) return v;
    this.wrongType([...path, key], v, "an integer");
    return void 0;
  }
  /** num reads an optional number (integer or float). */
  num(table, key, path) {
    const v = table[key];
    if (v === void 0) return void 0;
    if (typeof v === "bigint") return Number(v);
    if (typeof v === "number" && Number.isFinite(v)) return v;
    this.wrongType([...path, key], v, "a number");
    return void 0;
  }
  /** strList reads an optional array of strings. */
  strList(table, key, path) {
    const v = table[key];
    if (v === void 0) return void 0;
    if (Array.isArray(v) && v.every((x) => typeof x === "string"))
      return [...v];
    const example = typeof v === "string" ? `write ${key} = [${JSON.stringify(v)}]` : void 0;
    this.wrongType([...path, key], v, "an array of strings", example);
    return void 0;
  }
  /** table reads an optional sub-table. */
  table(table, key, path) {
    const v = table[key];
    if (v === void 0) return void 0;
    if (isTable2(v)) return v;
    this.wrongType([...path, key], v, "a table");
    return void 0;
  }
  /**
   * duration reads a duration: a Go duration string, or a number in
   * `intUnit` as flyctl's patches read it (checks: milliseconds,
   * `kill_timeout`: seconds). With `intUnit` "ns" a number is taken as
   * nanoseconds, as flyctl does for keys it does not patch, and a warning
   * says so.
   */
  duration(table, key, path, intUnit) {
    const v = table[key];
    if (v === void 0) return void 0;
    const at = [...path, key];
    if (typeof v === "string") {
      if (v === "") return void 0;
      const ns = parseGoDuration(v);
      if (ns === void 0) {
        this.error(
          "invalid-value",
          at,
          `"${key}" in ${sectionName(path)} is not a duration: ${JSON.stringify(v)}`,
          'write a Go duration such as "10s", "1m30s" or "500ms"'
        );
        return void 0;
      }
      return formatGoDuration(ns);
    }
    if (typeof v === "bigint" || typeof v === "number" && Number.isFinite(v)) {
      const whole = typeof v === "bigint" ? v : BigInt(Math.trunc(v));
      const scale = intUnit === "ms" ? 1000000n : intUnit === "s" ? 1000000000n : 1n;
      const ns = whole * scale;
      if (ns > INT64_MAX2 || ns < -INT64_MAX2 - 1n) {
        this.error(
          "invalid-value",
          at,
          `"${key}" = ${String(v)} in ${sectionName(path)} is out of range for a duration`,
          'write a Go duration such as "10s", "1m30s" or "500ms"'
        );
        return void 0;
      }
      if (intUnit === "ns") {
        this.warn(
          "ambiguous-duration",
          at,
          `"${key}" = ${String(v)} in ${sectionName(path)} is read by flyctl as ${String(v)} nanoseconds`,
          `write a duration string such as "${String(v)}s" or "5m"`
        );
      }
      return formatGoDuration(ns);
    }
    this.wrongType(at, v, 'a duration string such as "10s"');
    return void 0;
  }
};
var INT64_MAX2 = (1n << 63n) - 1n;
function ownValue(record2, key) {
  return record2 !== void 0 && Object.hasOwn(record2, key) ? record2[key] : void 0;
}
function lastKey(path) {
  for (let k = path.length - 1; k >= 0; k--) {
    const s = path[k];
    if (typeof s === "string") return s;
  }
  return "";
}
function article(type) {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

// src/core/appconfig/shlex.ts
function shlexSplit(text) {
  const words = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    let word = "";
    let state = "word";
    let done = false;
    while (!done) {
      if (i >= n) {
        if (state !== "word") {
          return { ok: false, error: "EOF found when expecting closing quote" };
        }
        break;
      }
      const ch = text[i];
      if (state === "word") {
        if (isSpace(ch)) {
          done = true;
        } else if (ch === '"') {
          state = "double";
        } else if (ch === "'") {
          state = "single";
        } else if (ch === "\\") {
          i++;
          if (i >= n) {
            return { ok: false, error: "EOF found after escape character" };
          }
          word += text[i];
        } else {
          word += ch;
        }
      } else if (state === "single") {
        if (ch === "'") state = "word";
        else word += ch;
      } else if (ch === '"') {
        state = "word";
      } else if (ch === "\\") {
        i++;
        if (i >= n) {
          return { ok: false, error: "EOF found after escape character" };
        }
        word += text[i];
      } else {
        word += ch;
      }
      i++;
    }
    words.push(word);
  }
  return { ok: true, words };
}
function isSpace(c) {
  return c === " " || c === "	" || c === "\r" || c === "\n";
}

// src/core/appconfig/groups.ts
var DEFAULT_GROUP = "app";
var RELEASE_COMMAND_GROUP = "fly_app_release_command";
function processNames(config) {
  const names = Object.keys(config.processes).sort();
  return names.length > 0 ? names : [DEFAULT_GROUP];
}
function defaultProcessName(config) {
  const names = processNames(config);
  return names.includes(DEFAULT_GROUP) ? DEFAULT_GROUP : names[0];
}
function groupMatches(config, group, list2) {
  const def = defaultProcessName(config);
  if (list2.length === 0) return group === def;
  return list2.some((x) => x === group || x === "" && group === def);
}
function computeForGroup(config, group) {
  const candidates = config.vm.filter(
    (c) => c.processes.length === 0 || groupMatches(config, group, c.processes)
  );
  let best = candidates[0];
  for (const c of candidates.slice(1)) {
    if (c.processes.includes(group)) best = c;
  }
  return best;
}

// src/core/appconfig/size.ts
var BINARY = {
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5
};
var DECIMAL = {
  k: 1e3,
  m: 1e6,
  g: 1e9,
  t: 1e12,
  p: 1e15
};
function parseMemoryMiB(text) {
  return parseSize(text, BINARY, 1024 ** 2);
}
function parseDiskGB(text) {
  return parseSize(text, DECIMAL, 1e9);
}
function parseSize(text, units, quotient) {
  if (/^[+-]?\d+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return { ok: true, value: n };
  }
  const bytes = goUnitsParse(text, units);
  if (!bytes.ok) return bytes;
  return { ok: true, value: Math.trunc(bytes.value / quotient) };
}
function goUnitsParse(text, units) {
  let sep = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if ("0123456789. ".includes(text[i])) {
      sep = i;
      break;
    }
  }
  if (sep === -1) return { ok: false, error: `invalid size: '${text}'` };
  let num;
  let sfx;
  if (text[sep] !== " ") {
    num = text.slice(0, sep + 1);
    sfx = text.slice(sep + 1);
  } else {
    num = text.slice(0, sep);
    sfx = text.slice(sep + 1);
  }
  const size = goParseFloat(num);
  if (size === void 0) {
    return {
      ok: false,
      error: `strconv.ParseFloat: parsing "${num}": invalid syntax`
    };
  }
  if (size < 0) return { ok: false, error: `invalid size: '${text}'` };
  if (sfx.length === 0) return { ok: true, value: Math.trunc(size) };
  const bad = { ok: false, error: `invalid suffix: '${sfx}'` };
  if (sfx.length > 3) return bad;
  const lower = sfx.toLowerCase();
  if (lower[0] === "b")
    return lower.length > 1 ? bad : { ok: true, value: Math.trunc(size) };
  const mul = units[lower[0]];
  if (mul === void 0) return bad;
  if (lower.length === 2 && lower[1] !== "b") return bad;
  if (lower.length === 3 && lower.slice(1) !== "ib") return bad;
  return { ok: true, value: Math.trunc(size * mul) };
}
function goParseFloat(text) {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return void 0;
  return Number(text);
}

// src/core/appconfig/base64.ts
var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function base64Utf8(text) {
  const bytes = new TextEncoder().encode(text);
  let out = "";
  for (let k = 0; k < bytes.length; k += 3) {
    const a = bytes[k];
    const b = bytes[k + 1];
    const c = bytes[k + 2];
    const triple = a << 16 | (b ?? 0) << 8 | (c ?? 0);
    out += ALPHABET[triple >> 18 & 63];
    out += ALPHABET[triple >> 12 & 63];
    out += b === void 0 ? "=" : ALPHABET[triple >> 6 & 63];
    out += c === void 0 ? "=" : ALPHABET[triple & 63];
  }
  return out;
}

// src/core/appconfig/presets.ts
var MACHINE_PRESETS = {
  "shared-cpu-1x": { cpu_kind: "shared", cpus: 1, memory_mb: 256 },
  "shared-cpu-2x": { cpu_kind: "shared", cpus: 2, memory_mb: 512 },
  "shared-cpu-4x": { cpu_kind: "shared", cpus: 4, memory_mb: 1024 },
  "shared-cpu-6x": { cpu_kind: "shared", cpus: 6, memory_mb: 1536 },
  "shared-cpu-8x": { cpu_kind: "shared", cpus: 8, memory_mb: 2048 },
  "performance-1x": { cpu_kind: "performance", cpus: 1, memory_mb: 2048 },
  "performance-2x": { cpu_kind: "performance", cpus: 2, memory_mb: 4096 },
  "performance-4x": { cpu_kind: "performance", cpus: 4, memory_mb: 8192 },
  "performance-6x": { cpu_kind: "performance", cpus: 6, memory_mb: 12288 },
  "performance-8x": { cpu_kind: "performance", cpus: 8, memory_mb: 16384 },
  "performance-10x": { cpu_kind: "performance", cpus: 10, memory_mb: 20480 },
  "performance-12x": { cpu_kind: "performance", cpus: 12, memory_mb: 24576 },
  "performance-14x": { cpu_kind: "performance", cpus: 14, memory_mb: 28672 },
  "performance-16x": { cpu_kind: "performance", cpus: 16, memory_mb: 32768 },
  "a100-40gb": {
    gpu_kind: "a100-pcie-40gb",
    gpus: 1,
    cpu_kind: "performance",
    cpus: 8,
    memory_mb: 32768
  },
  "a100-80gb": {
    gpu_kind: "a100-sxm4-80gb",
    gpus: 1,
    cpu_kind: "performance",
    cpus: 8,
    memory_mb: 32768
  },
  l40s: {
    gpu_kind: "l40s",
    gpus: 1,
    cpu_kind: "performance",
    cpus: 8,
    memory_mb: 32768
  },
  a10: {
    gpu_kind: "a10",
    gpus: 1,
    cpu_kind: "performance",
    cpus: 8,
    memory_mb: 32768
  }
};
var DEFAULT_VM_SIZE = "shared-cpu-1x";
var DEFAULT_GPU_VM_SIZE = "performance-8x";
var RELEASE_COMMAND_DEFAULT_SIZE = "shared-cpu-2x";
function presetError(size) {
  const family = size.startsWith("shared") ? "shared" : size.startsWith("performance") ? "performance" : void 0;
  if (family === void 0) {
    return `invalid machine preset requested, '${size}', expected to start with 'shared' or 'performance'`;
  }
  const valid = Object.keys(MACHINE_PRESETS).filter((k) => k.startsWith(family)).sort();
  return `'${size}' is an invalid machine size, choose one of: [${valid.join(" ")}]`;
}

// src/core/appconfig/to-machine.ts
var FLY_PLATFORM_VERSION = "v2";
function toMachineConfigs(config, opts) {
  const diagnostics = [];
  const groups = {};
  for (const group of processNames(config)) {
    groups[group] = translateGroup(config, group, opts, diagnostics);
  }
  return { groups, diagnostics };
}
function translateGroup(config, group, opts, diagnostics) {
  const matches = (list2) => groupMatches(config, group, list2);
  const httpService = config.http_service && matches(config.http_service.processes) ? config.http_service : void 0;
  const services = config.services.filter((s) => matches(s.processes));
  const mc = {};
  if (opts !== void 0) mc.image = opts.image;
  mc.env = { ...config.env, FLY_PROCESS_GROUP: group };
  if (config.primary_region) mc.env.PRIMARY_REGION = config.primary_region;
  mc.init = {};
  const groupCmd = config.processes[group];
  const cmd = groupCmd !== void 0 && groupCmd.length > 0 ? groupCmd : config.experimental?.cmd;
  if (cmd !== void 0 && cmd.length > 0) mc.init.cmd = [...cmd];
  if (config.experimental?.entrypoint?.length)
    mc.init.entrypoint = [...config.experimental.entrypoint];
  if (config.experimental?.exec?.length)
    mc.init.exec = [...config.experimental.exec];
  if (config.swap_size_mb !== void 0)
    mc.init.swap_size_mb = config.swap_size_mb;
  const compute = computeForGroup(config, group);
  if (compute !== void 0) {
    const hdid = compute.host_dedication_id || config.host_dedication_id;
    const guest = computeToGuest(compute, hdid, diagnostics, ["vm"]);
    if (guest !== void 0) mc.guest = guest;
  }
  mc.metadata = releaseMetadata(group, opts);
  const mounts = config.mounts.filter((m) => matches(m.processes));
  if (mounts.length > 0) {
    mc.mounts = mounts.map((m) => {
      const mount = { path: m.destination, name: m.source };
      if (m.auto_extend_size_threshold)
        mount.extend_threshold_percent = m.auto_extend_size_threshold;
      const add = m.auto_extend_size_increment ? parseDiskGB(m.auto_extend_size_increment) : void 0;
      if (add?.ok && add.value !== 0) mount.add_size_gb = add.value;
      const limit = m.auto_extend_size_limit ? parseDiskGB(m.auto_extend_size_limit) : void 0;
      if (limit?.ok && limit.value !== 0) mount.size_gb_limit = limit.value;
      return mount;
    });
  }
  const all = [];
  if (httpService !== void 0)
    all.push(serviceToMachine(httpToService(httpService)));
  for (const s of services) all.push(serviceToMachine(s));
  if (all.length > 0) mc.services = all;
  const metrics = config.metrics.find((m) => matches(m.processes));
  if (metrics !== void 0) {
    mc.metrics = {};
    if (metrics.port) mc.metrics.port = metrics.port;
    if (metrics.path) mc.metrics.path = metrics.path;
    if (metrics.https) mc.metrics.https = true;
  }
  const names = Object.keys(config.checks).filter((name) => matches(config.checks[name].processes)).sort();
  if (names.length > 0) {
    mc.checks = {};
    for (const name of names) {
      const check = config.checks[name];
      const machineCheck = topLevelToMachine(check, name, diagnostics);
      if (machineCheck === void 0) continue;
      if (machineCheck.port === void 0) {
        if (httpService === void 0) {
          diagnostics.push(
            diagnose(
              check,
              ["checks", name],
              ["port"],
              "error",
              "missing-key",
              `check '${name}' for process group '${group}' has no port set and the group has no http_service to take it from`,
              "set port = <the port to probe> on the check"
            )
          );
          continue;
        }
        machineCheck.port = httpService.internal_port;
      }
      mc.checks[name] = machineCheck;
    }
  }
  if (config.statics.length > 0) {
    mc.statics = config.statics.map((s) => {
      const out = {
        guest_path: s.guest_path,
        url_prefix: s.url_prefix
      };
      if (s.tigris_bucket) out.tigris_bucket = s.tigris_bucket;
      if (s.index_document) out.index_document = s.index_document;
      return out;
    });
  }
  const files = machineFiles(
    config.files.filter((f) => matches(f.processes)),
    opts,
    diagnostics
  );
  if (files.length > 0) mc.files = files;
  if (config.kill_signal !== void 0 || config.kill_timeout !== void 0) {
    mc.stop_config = {};
    if (config.kill_timeout !== void 0)
      mc.stop_config.timeout = config.kill_timeout;
    if (config.kill_signal !== void 0)
      mc.stop_config.signal = config.kill_signal;
  }
  const schedule = config.schedules[group];
  if (schedule) mc.schedule = schedule;
  for (const rs of config.restart.filter((x) => matches(x.processes))) {
    const policy = rs.policy === "never" ? "no" : rs.policy === "always" || rs.policy === "on-failure" ? rs.policy : void 0;
    if (policy === void 0) {
      if (opts === void 0) continue;
      diagnostics.push(
        diagnose(
          rs,
          ["restart"],
          ["policy"],
          "error",
          "invalid-value",
          `invalid restart policy: ${rs.policy ?? ""}`,
          'use "always", "on-failure" or "never"'
        )
      );
      continue;
    }
    mc.restart = { policy };
    if (rs.retries) mc.restart.max_retries = rs.retries;
  }
  return mc;
}
function releaseMetadata(group, opts) {
  return {
    fly_platform_version: FLY_PLATFORM_VERSION,
    fly_process_group: group,
    fly_release_id: opts?.releaseId ?? "",
    fly_release_version: String(opts?.releaseVersion ?? ""),
    fly_flyctl_version: opts?.flyctlVersion ?? ""
  };
}
function computeToGuest(compute, hostDedicationId, diagnostics, fallback) {
  const size = compute.size || (compute.gpu_kind ? DEFAULT_GPU_VM_SIZE : DEFAULT_VM_SIZE);
  const preset = ownValue(MACHINE_PRESETS, size);
  if (preset === void 0) {
    diagnostics.push(
      diagnose(
        compute,
        fallback,
        ["size"],
        "error",
        "invalid-value",
        presetError(size),
        "run `fly platform vm-sizes` for the list"
      )
    );
    return void 0;
  }
  const guest = {
    cpu_kind: preset.cpu_kind,
    cpus: preset.cpus,
    memory_mb: preset.memory_mb
  };
  if (preset.gpu_kind) guest.gpu_kind = preset.gpu_kind;
  if (preset.gpus) guest.gpus = preset.gpus;
  if (hostDedicationId) guest.host_dedication_id = hostDedicationId;
  if (compute.memory) {
    const mb = parseMemoryMiB(compute.memory);
    if (!mb.ok || mb.value <= 0) {
      diagnostics.push(
        diagnose(
          compute,
          fallback,
          ["memory"],
          "error",
          "invalid-value",
          mb.ok ? "memory cannot be zero" : `memory ${JSON.stringify(compute.memory)}: ${mb.error}`,
          'write memory = "1gb", "512mb" or an integer number of MB such as 1024'
        )
      );
      return void 0;
    }
    guest.memory_mb = mb.value;
  }
  if (compute.cpu_kind) guest.cpu_kind = compute.cpu_kind;
  if (compute.cpus) guest.cpus = compute.cpus;
  if (compute.memory_mb) guest.memory_mb = compute.memory_mb;
  if (compute.max_memory_mb) guest.max_memory_mb = compute.max_memory_mb;
  if (compute.gpus) guest.gpus = compute.gpus;
  if (compute.gpu_kind) guest.gpu_kind = compute.gpu_kind;
  if (compute.host_dedication_id)
    guest.host_dedication_id = compute.host_dedication_id;
  if (compute.persist_rootfs) guest.persist_rootfs = compute.persist_rootfs;
  if (compute.kernel_args?.length) guest.kernel_args = [...compute.kernel_args];
  return guest;
}
function httpToService(hs) {
  const p80 = { port: 80, handlers: ["http"] };
  if (hs.force_https) p80.force_https = true;
  if (hs.http_options) p80.http_options = hs.http_options;
  const p443 = {
    port: 443,
    handlers: ["http", "tls"]
  };
  if (hs.http_options) p443.http_options = hs.http_options;
  if (hs.tls_options) p443.tls_options = hs.tls_options;
  const s = {
    protocol: "tcp",
    internal_port: hs.internal_port,
    ports: [p80, p443],
    tcp_checks: [],
    http_checks: hs.checks,
    machine_checks: hs.machine_checks,
    processes: hs.processes
  };
  if (hs.concurrency) s.concurrency = hs.concurrency;
  if (hs.auto_stop_machines) s.auto_stop_machines = hs.auto_stop_machines;
  if (hs.auto_start_machines !== void 0)
    s.auto_start_machines = hs.auto_start_machines;
  if (hs.min_machines_running !== void 0)
    s.min_machines_running = hs.min_machines_running;
  return s;
}
function autostopToWire(a) {
  return a === "off" ? false : a === "stop" ? true : "suspend";
}
function serviceToMachine(s) {
  const out = {};
  if (s.protocol) out.protocol = s.protocol;
  if (s.internal_port) out.internal_port = s.internal_port;
  if (s.auto_stop_machines) out.autostop = autostopToWire(s.auto_stop_machines);
  if (s.auto_start_machines !== void 0) out.autostart = s.auto_start_machines;
  if (s.min_machines_running !== void 0)
    out.min_machines_running = s.min_machines_running;
  if (s.ports.length > 0) out.ports = s.ports.map(portToMachine);
  const checks = [
    ...s.tcp_checks.map((c) => serviceCheck("tcp", c)),
    ...s.http_checks.map((c) => serviceCheck("http", c))
  ];
  if (checks.length > 0) out.checks = checks;
  if (s.concurrency) out.concurrency = { ...s.concurrency };
  return out;
}
function portToMachine(p) {
  const out = {};
  if (p.port !== void 0) out.port = p.port;
  if (p.start_port !== void 0) out.start_port = p.start_port;
  if (p.end_port !== void 0) out.end_port = p.end_port;
  if (p.handlers?.length) out.handlers = [...p.handlers];
  if (p.force_https) out.force_https = true;
  if (p.tls_options) out.tls_options = structuredClone(p.tls_options);
  if (p.http_options) out.http_options = structuredClone(p.http_options);
  if (p.proxy_proto_options)
    out.proxy_proto_options = { ...p.proxy_proto_options };
  return out;
}
function serviceCheck(type, c) {
  const out = { type };
  if (c.interval) out.interval = c.interval;
  if (c.timeout) out.timeout = c.timeout;
  if (c.grace_period) out.grace_period = c.grace_period;
  if (type === "http") {
    if (c.method !== void 0) out.method = c.method;
    if (c.path !== void 0) out.path = c.path;
    if (c.protocol !== void 0) out.protocol = c.protocol;
    if (c.tls_skip_verify !== void 0) out.tls_skip_verify = c.tls_skip_verify;
    if (c.tls_server_name !== void 0) out.tls_server_name = c.tls_server_name;
    const headers = headerList(c.headers);
    if (headers.length > 0) out.headers = headers;
  }
  return out;
}
function headerList(headers) {
  return Object.keys(headers ?? {}).sort().map((name) => ({ name, values: [headers[name]] }));
}
function topLevelToMachine(check, name, diagnostics) {
  if (check.type !== "http" && check.type !== "tcp") {
    diagnostics.push(
      diagnose(
        check,
        ["checks", name],
        ["type"],
        "error",
        check.type === void 0 ? "missing-key" : "invalid-value",
        `check '${name}' has a missing or invalid type, must be 'http' or 'tcp'`,
        'write type = "http" or type = "tcp"'
      )
    );
    return void 0;
  }
  const out = { type: check.type };
  if (check.port !== void 0) out.port = check.port;
  if (check.interval) out.interval = check.interval;
  if (check.timeout) out.timeout = check.timeout;
  if (check.grace_period) out.grace_period = check.grace_period;
  if (check.method !== void 0) out.method = check.method.toUpperCase();
  if (check.path !== void 0) out.path = check.path;
  if (check.protocol !== void 0) out.protocol = check.protocol;
  if (check.tls_skip_verify !== void 0)
    out.tls_skip_verify = check.tls_skip_verify;
  if (check.tls_server_name !== void 0)
    out.tls_server_name = check.tls_server_name;
  const headers = headerList(check.headers);
  if (headers.length > 0) out.headers = headers;
  return out;
}
function machineFiles(files, opts, diagnostics) {
  const out = [];
  for (const f of files) {
    const file = { guest_path: f.guest_path };
    if (f.local_path) {
      const content = ownValue(opts?.localFiles, f.local_path);
      if (content !== void 0) file.raw_value = content;
      else if (opts !== void 0) {
        diagnostics.push(
          diagnose(
            f,
            ["files"],
            ["local_path"],
            "error",
            "missing-file-content",
            `[[files]] local_path ${JSON.stringify(f.local_path)} was not read`,
            "pass its base64 contents in localFiles (the core does no I/O)"
          )
        );
        continue;
      } else {
        file.raw_value = "";
      }
    } else if (f.secret_name) {
      file.secret_name = f.secret_name;
    } else if (f.raw_value) {
      file.raw_value = base64Utf8(f.raw_value);
    }
    const idx = out.findIndex((x) => x.guest_path === file.guest_path);
    if (idx === -1) out.push(file);
    else if (file.raw_value === void 0 && file.secret_name === void 0)
      out.splice(idx, 1);
    else out[idx] = file;
  }
  return out;
}
function toReleaseCommandConfig(config, opts) {
  const diagnostics = [];
  const command = config.deploy?.release_command;
  if (command === void 0 || command === "") return { diagnostics };
  const split = shlexSplit(command);
  if (!split.ok) {
    diagnostics.push(
      diagnose(
        config.deploy,
        ["deploy"],
        ["release_command"],
        "error",
        "invalid-value",
        `can't shell split release command: ${split.error}`
      )
    );
    return { diagnostics };
  }
  const mc = {
    image: opts.image,
    init: { cmd: split.words },
    restart: { policy: "no" },
    auto_destroy: true,
    dns: { skip_registration: true },
    metadata: releaseMetadata(RELEASE_COMMAND_GROUP, opts),
    env: {
      ...config.env,
      RELEASE_COMMAND: "1",
      FLY_PROCESS_GROUP: RELEASE_COMMAND_GROUP
    }
  };
  if (config.swap_size_mb !== void 0)
    mc.init.swap_size_mb = config.swap_size_mb;
  if (config.experimental?.entrypoint?.length)
    mc.init.entrypoint = [...config.experimental.entrypoint];
  if (config.primary_region) mc.env.PRIMARY_REGION = config.primary_region;
  if (config.kill_signal !== void 0 || config.kill_timeout !== void 0) {
    mc.stop_config = {};
    if (config.kill_timeout !== void 0)
      mc.stop_config.timeout = config.kill_timeout;
    if (config.kill_signal !== void 0)
      mc.stop_config.signal = config.kill_signal;
  }
  const files = machineFiles(config.files, opts, diagnostics);
  if (files.length > 0) mc.files = files;
  const vm = config.deploy?.release_command_vm;
  if (vm !== void 0) {
    const guest = computeToGuest(vm, config.host_dedication_id, diagnostics, [
      "deploy",
      "release_command_vm"
    ]);
    if (guest !== void 0) mc.guest = guest;
  } else if (opts.guest !== void 0) {
    mc.guest = structuredClone(opts.guest);
  } else {
    const p = MACHINE_PRESETS[RELEASE_COMMAND_DEFAULT_SIZE];
    mc.guest = { cpu_kind: p.cpu_kind, cpus: p.cpus, memory_mb: p.memory_mb };
  }
  return { config: mc, diagnostics };
}
var DEPLOY_DEFAULTS = {
  strategy: "rolling",
  maxUnavailable: 0.33,
  waitTimeoutMs: 5 * 6e4,
  releaseCommandTimeoutMs: 5 * 6e4
};
function deploySettings(config) {
  const d = config.deploy;
  const ms2 = (text, fallback) => {
    if (text === void 0 || parseGoDuration(text) === void 0)
      return fallback;
    return durationToMs(text);
  };
  const out = {
    strategy: d?.strategy || DEPLOY_DEFAULTS.strategy,
    maxUnavailable: d?.max_unavailable ?? DEPLOY_DEFAULTS.maxUnavailable,
    waitTimeoutMs: ms2(d?.wait_timeout, DEPLOY_DEFAULTS.waitTimeoutMs),
    releaseCommandTimeoutMs: ms2(
      d?.release_command_timeout,
      DEPLOY_DEFAULTS.releaseCommandTimeoutMs
    )
  };
  if (d?.release_command) {
    out.releaseCommand = d.release_command;
    const split = shlexSplit(d.release_command);
    if (split.ok) out.releaseCommandArgv = split.words;
  }
  if (d?.seed_command) out.seedCommand = d.seed_command;
  return out;
}

// src/core/appconfig/validate.ts
var DEPLOY_STRATEGIES = [
  "canary",
  "rolling",
  "immediate",
  "bluegreen"
];
var STOP_SIGNALS = [
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGKILL",
  "SIGUSR1",
  "SIGUSR2",
  "SIGTERM"
];
var SECOND = 1000000000n;
var MINUTE = 60n * SECOND;
function validateAppConfig(config, diagnostics) {
  const groups = processNames(config);
  validateBuild(config, diagnostics);
  validateDeploy(config, diagnostics);
  validateChecks(config, diagnostics);
  validateServices(config, groups, diagnostics);
  validateMounts(config, groups, diagnostics);
  validateRestart(config, groups, diagnostics);
  validateReferences(config, groups, diagnostics);
  if (config.console_command !== void 0) {
    const split = shlexSplit(config.console_command);
    if (!split.ok) {
      diagnostics.push(
        diagnose(
          config,
          [],
          ["console_command"],
          "error",
          "invalid-value",
          `can't shell split console command: ${split.error}`
        )
      );
    }
  }
  if (config.kill_signal !== void 0 && !STOP_SIGNALS.includes(config.kill_signal)) {
    diagnostics.push(
      diagnose(
        config,
        [],
        ["kill_signal"],
        "warning",
        "invalid-value",
        `kill_signal ${JSON.stringify(config.kill_signal)} is not one the Machines API accepts`,
        `use one of ${STOP_SIGNALS.join(", ")}`
      )
    );
  }
  for (const group of groups)
    translateGroup(config, group, void 0, diagnostics);
}
function validateBuild(config, out) {
  const b = config.build;
  if (b === void 0) return;
  const strategies = [];
  if (b.image) strategies.push(`the "${b.image}" docker image`);
  if (b.builder || (b.buildpacks?.length ?? 0) > 0)
    strategies.push("a buildpack");
  if (b.dockerfile || b["build-target"]) {
    strategies.push(
      b.dockerfile ? `the "${b.dockerfile}" dockerfile` : "a dockerfile"
    );
  }
  if (b.builtin) strategies.push(`the "${b.builtin}" builtin image`);
  if (strategies.length > 1) {
    out.push(
      diagnose(
        b,
        ["build"],
        [],
        "warning",
        "build-strategies",
        `more than one build configuration found: [${strategies.join(", ")}]`,
        "keep one of image, builder/buildpacks, dockerfile and builtin"
      )
    );
  }
}
function validateDeploy(config, out) {
  const d = config.deploy;
  if (d === void 0) return;
  if (d.release_command !== void 0) {
    const split = shlexSplit(d.release_command);
    if (!split.ok) {
      out.push(
        diagnose(
          d,
          ["deploy"],
          ["release_command"],
          "error",
          "invalid-value",
          `can't shell split release command: ${split.error}`
        )
      );
    }
  }
  if (d.strategy !== void 0 && d.strategy !== "") {
    if (!DEPLOY_STRATEGIES.includes(d.strategy)) {
      out.push(
        diagnose(
          d,
          ["deploy"],
          ["strategy"],
          "error",
          "invalid-value",
          `unsupported deployment strategy '${d.strategy}'`,
          `Apps v2 supports: ${DEPLOY_STRATEGIES.join(", ")}`
        )
      );
    }
    if (d.strategy === "canary" && config.mounts.length > 0) {
      out.push(
        diagnose(
          d,
          ["deploy"],
          ["strategy"],
          "error",
          "invalid-value",
          "canary deployment strategy is not supported when using mounted volumes",
          'use "rolling"'
        )
      );
    }
  }
  if (d.max_unavailable !== void 0 && !(d.max_unavailable > 0)) {
    out.push(
      diagnose(
        d,
        ["deploy"],
        ["max_unavailable"],
        "error",
        "invalid-value",
        "max_unavailable must be greater than 0",
        "below 1 it is a fraction of the machines, 1 or more a count"
      )
    );
  }
}
function validateChecks(config, out) {
  for (const [name, check] of Object.entries(config.checks)) {
    const interval = check.interval === void 0 ? void 0 : parseGoDuration(check.interval);
    if (interval !== void 0 && interval < 2n * SECOND) {
      out.push(
        diagnose(
          check,
          ["checks", name],
          ["interval"],
          "error",
          "check-duration",
          `check '${name}' interval is too short: ${check.interval}, minimum is 2 seconds`
        )
      );
    }
    const timeout = check.timeout === void 0 ? void 0 : parseGoDuration(check.timeout);
    if (timeout !== void 0 && timeout > MINUTE) {
      out.push(
        diagnose(
          check,
          ["checks", name],
          ["timeout"],
          "error",
          "check-duration",
          `check '${name}' timeout is too long: ${check.timeout}, maximum is 60 seconds`
        )
      );
    }
  }
}
function allServices(config) {
  const refs = [];
  const hs = config.http_service;
  if (hs !== void 0) {
    refs.push({
      service: hs,
      owner: hs,
      fallback: ["http_service"],
      key: `tcp-${hs.internal_port}`
    });
  }
  config.services.forEach((s, i) => {
    refs.push({
      service: s,
      owner: s,
      fallback: ["services", i],
      key: `${s.protocol ?? ""}-${s.internal_port}`
    });
  });
  return refs;
}
function validateServices(config, groups, out) {
  const processCount = Object.keys(config.processes).length;
  const refs = allServices(config);
  for (const ref of refs) {
    const processes = ref.service.processes;
    if (processes.length === 0 && processCount > 0) {
      out.push(
        diagnose(
          ref.owner,
          ref.fallback,
          [],
          "error",
          "unknown-process",
          `service has no processes set but the app has ${processCount} process groups defined`,
          `set processes = [...] on each service, e.g. processes = ["${groups[0]}"]`
        )
      );
    }
    processes.forEach((name, i) => {
      if (!groups.includes(name)) {
        out.push(
          unknownGroup(
            ref.owner,
            ref.fallback,
            ["processes", i],
            name,
            groups,
            "error",
            "service"
          )
        );
      }
    });
  }
  config.services.forEach((s, i) => {
    if (s.ports.length === 0) {
      out.push(
        diagnose(
          s,
          ["services", i],
          [],
          "warning",
          "no-ports",
          "service must expose at least one port",
          "add a [[services.ports]] section (a service without ports is reachable by no one)"
        )
      );
    }
    s.tcp_checks.forEach(
      (c, k) => checkDurations(c, s, ["services", i], ["tcp_checks", k], "TCP", out)
    );
    s.http_checks.forEach(
      (c, k) => checkDurations(c, s, ["services", i], ["http_checks", k], "HTTP", out)
    );
  });
  const hs = config.http_service;
  hs?.checks.forEach(
    (c, k) => checkDurations(c, hs, ["http_service"], ["checks", k], "HTTP", out)
  );
  const reported = /* @__PURE__ */ new Set();
  for (const group of groups) {
    const seen = /* @__PURE__ */ new Map();
    for (const ref of refs) {
      if (!groupMatches(config, group, ref.service.processes)) continue;
      const count = (seen.get(ref.key) ?? 0) + 1;
      seen.set(ref.key, count);
      if (count === 2 && !reported.has(ref.key)) {
        reported.add(ref.key);
        const total = refs.filter(
          (x) => x.key === ref.key && groupMatches(config, group, x.service.processes)
        ).length;
        out.push(
          diagnose(
            ref.owner,
            ref.fallback,
            [],
            "error",
            "duplicate-service",
            `service [${ref.key}] has ${total} duplicate definitions in process group '${group}'`,
            "merge them into one service: Fly routes to one of them only, so checks fail ([http_service] is a tcp service too)"
          )
        );
      }
    }
  }
}
function checkDurations(check, owner, fallback, sub, proto, out) {
  const rows = [
    ["interval", "an interval", false],
    ["timeout", "a timeout", false],
    ["grace_period", "a grace period", true]
  ];
  for (const [key, description, zeroOk] of rows) {
    const text = check[key];
    if (text === void 0) continue;
    const d = parseGoDuration(text);
    if (d === void 0) continue;
    let problem;
    if (zeroOk && d !== 0n && d < SECOND) {
      problem = `service ${proto} check has ${description} that is non-zero and less than 1 second (${text}); this will be raised to 1 second`;
    } else if (!zeroOk && d < SECOND) {
      problem = `service ${proto} check has ${description} less than 1 second (${text}); this will be raised to 1 second`;
    } else if (d > MINUTE) {
      problem = `service ${proto} check has ${description} greater than 1 minute (${text}); this will be lowered to 1 minute`;
    }
    if (problem !== void 0) {
      out.push(
        diagnose(
          owner,
          fallback,
          [...sub, key],
          "warning",
          "check-duration",
          problem
        )
      );
    }
  }
}
function validateMounts(config, groups, out) {
  for (const group of groups) {
    const mounts = config.mounts.filter(
      (m) => groupMatches(config, group, m.processes)
    );
    if (mounts.length > 1) {
      out.push(
        diagnose(
          mounts[1],
          ["mounts", config.mounts.indexOf(mounts[1])],
          [],
          "error",
          "mounts-per-group",
          `group '${group}' has more than one [[mounts]] section defined`,
          "a machine mounts at most one volume; give each [[mounts]] different processes"
        )
      );
    }
  }
  config.mounts.forEach((m, i) => {
    const at = (key, summary) => {
      out.push(
        diagnose(m, ["mounts", i], [key], "error", "invalid-value", summary)
      );
    };
    const gb = (key) => {
      const text = m[key];
      if (text === void 0 || text === "") return 0;
      const v = parseDiskGB(text);
      if (!v.ok) {
        at(
          key,
          `mount '${m.source}' with ${key} '${text}' will fail because of: ${v.error}`
        );
        return 0;
      }
      if (v.value < 1) {
        at(
          key,
          `mount '${m.source}' has an ${key} '${text}' value which is smaller than 1GB`
        );
      }
      return v.value;
    };
    gb("initial_size");
    if (m.snapshot_retention !== void 0 && (m.snapshot_retention < 1 || m.snapshot_retention > 60)) {
      at(
        "snapshot_retention",
        `mount '${m.source}' has a snapshot_retention value which is not between 1 and 60 days inclusive`
      );
    }
    const threshold = m.auto_extend_size_threshold ?? 0;
    const increment = gb("auto_extend_size_increment");
    const limit = gb("auto_extend_size_limit");
    if (threshold !== 0 || increment !== 0 || limit !== 0) {
      if (threshold !== 0 && increment === 0 && limit === 0) {
        at(
          "auto_extend_size_threshold",
          `mount '${m.source}' auto_extend_size_threshold, auto_extend_size_increment and auto_extend_size_limit must be all defined or none`
        );
      }
      if (threshold < 50 || threshold > 99) {
        at(
          "auto_extend_size_threshold",
          `mount '${m.source}' auto_extend_size_threshold must be between 50 and 99`
        );
      }
      if (increment < 1 || increment > 100) {
        at(
          "auto_extend_size_increment",
          `mount '${m.source}' auto_extend_size_increment must be between 1GB and 100GB`
        );
      }
      if (limit !== 0 && (limit < 1 || limit > 500)) {
        at(
          "auto_extend_size_limit",
          `mount '${m.source}' auto_extend_size_limit must be between 1GB and 500GB`
        );
      }
    }
  });
}
function validateRestart(config, groups, out) {
  config.restart.forEach((rs, i) => {
    rs.processes.forEach((name, k) => {
      if (!groups.includes(name)) {
        out.push(
          unknownGroup(
            rs,
            ["restart", i],
            ["processes", k],
            name,
            groups,
            "error",
            "restart policy"
          )
        );
      }
    });
  });
}
function validateReferences(config, groups, out) {
  const lists = [
    ...config.mounts.map(
      (m, i) => [
        m,
        ["mounts", i],
        m.processes,
        "mount"
      ]
    ),
    ...config.vm.map(
      (c, i) => [
        c,
        ["vm", i],
        c.processes,
        "[[vm]] section"
      ]
    ),
    ...Object.entries(config.checks).map(
      ([name, c]) => [
        c,
        ["checks", name],
        c.processes,
        "check"
      ]
    ),
    ...config.metrics.map(
      (m, i) => [
        m,
        ["metrics", i],
        m.processes,
        "metrics section"
      ]
    ),
    ...config.files.map(
      (f, i) => [
        f,
        ["files", i],
        f.processes,
        "file"
      ]
    )
  ];
  for (const [owner, fallback, processes, what] of lists) {
    processes.forEach((name, k) => {
      if (!groups.includes(name)) {
        out.push(
          unknownGroup(
            owner,
            fallback,
            ["processes", k],
            name,
            groups,
            "warning",
            what
          )
        );
      }
    });
  }
  for (const name of Object.keys(config.schedules)) {
    if (!groups.includes(name)) {
      out.push(
        unknownGroup(
          config,
          [],
          ["schedules", name],
          name,
          groups,
          "warning",
          "schedule"
        )
      );
    }
  }
  for (const name of Object.keys(config.processes)) {
    if (name.startsWith("fly_app_")) {
      out.push(
        diagnose(
          config,
          [],
          ["processes", name],
          "warning",
          "reserved-group",
          `process group name '${name}' is reserved by flyctl`,
          "flyctl uses fly_app_release_command and fly_app_console for its own machines; pick another name"
        )
      );
    }
  }
}
function unknownGroup(owner, fallback, sub, name, groups, severity, what) {
  const suggestion = suggestKey(name, groups);
  return diagnose(
    owner,
    fallback,
    sub,
    severity,
    "unknown-process",
    `${what} names process group '${name}', but no [processes] entry defines it`,
    suggestion !== void 0 && suggestion !== name ? `did you mean '${suggestion}'? The groups are: ${groups.join(", ")}` : `add '${name}' to [processes] or remove it; the groups are: ${groups.join(", ")}`
  );
}

// src/core/appconfig/parse.ts
function parseFlyToml(text, file) {
  let raw;
  try {
    raw = (0, import_toml.parse)(text);
  } catch (e) {
    return { diagnostics: [syntaxDiagnostic(e, file)] };
  }
  let origin;
  try {
    const locator = locateKeys(text);
    origin = { file, line: (path) => locator.line(path) };
  } catch {
    origin = { file, line: () => void 0 };
  }
  const r = new Reader(origin);
  const bad = unreadable(raw);
  if (bad?.problem === "too-deep") {
    r.error(
      "too-deep",
      bad.path,
      `"${formatKeyPath(bad.path)}" is nested more than ${MAX_NESTING} tables and arrays deep`,
      "fly.toml needs a few levels at most: flatten the value"
    );
    return { diagnostics: r.diagnostics };
  }
  if (bad?.problem === "reserved-key") {
    const key = String(bad.path[bad.path.length - 1]);
    r.error(
      "reserved-key",
      bad.path,
      `${JSON.stringify(key)} cannot be a key in fly.toml: it names a JavaScript built-in, which fly-rollout cannot read as a key`,
      "rename the key"
    );
    return { diagnostics: r.diagnostics };
  }
  try {
    const config = normalise(raw, r);
    validateAppConfig(config, r.diagnostics);
    return { config, diagnostics: r.diagnostics };
  } catch (e) {
    r.diagnostics.push({
      severity: "error",
      code: "internal",
      summary: `fly-rollout could not read ${file}: ${e instanceof Error ? e.message : String(e)}`,
      file
    });
    return { diagnostics: r.diagnostics };
  }
}
var MAX_NESTING = 32;
function unreadable(raw) {
  const stack = [{ v: raw, path: [] }];
  for (let top = stack.pop(); top !== void 0; top = stack.pop()) {
    const { v, path } = top;
    if (typeof v === "function" || path[path.length - 1] === "__proto__")
      return { path, problem: "reserved-key" };
    if (path.length > MAX_NESTING) return { path, problem: "too-deep" };
    if (Array.isArray(v))
      v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (isTable2(v))
      for (const [k, x] of Object.entries(v))
        stack.push({ v: x, path: [...path, k] });
  }
  return void 0;
}
function syntaxDiagnostic(e, file) {
  const err = e;
  const message = typeof err?.message === "string" ? err.message : String(e);
  const first = message.split("\n")[0].replace(/ at row \d+, col \d+, pos \d+:?$/, "");
  const d = {
    severity: "error",
    code: "toml-syntax",
    summary: `invalid TOML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`,
    file
  };
  if (typeof err?.line === "number") d.line = err.line + 1;
  if (typeof err?.col === "number") d.detail = `at column ${err.col + 1}`;
  return d;
}
var VM_KEYS = [
  "size",
  "memory",
  "cpu_kind",
  "cpus",
  "memory_mb",
  "max_memory_mb",
  "gpus",
  "gpu_kind",
  "host_dedication_id",
  "kernel_args",
  "persist_rootfs",
  "processes"
];
var COMPUTE_IN_SERVICE = Object.fromEntries(
  [
    "cpu",
    "cpus",
    "cpu_kind",
    "memory",
    "memory_mb",
    "size",
    "gpu_kind",
    "gpus",
    "vm"
  ].map((k) => [
    k,
    [
      `"${k}" cannot be set on a service: CPU and memory belong in [[vm]]`,
      `move it to a [[vm]] section, e.g. [[vm]] cpus = 2, memory = "1gb" (add processes = [...] to size one process group)`
    ]
  ])
);
var CHECK_TIMING = ["interval", "timeout", "grace_period"];
var HTTP_CHECK_KEYS = [
  ...CHECK_TIMING,
  "method",
  "path",
  "protocol",
  "tls_skip_verify",
  "tls_server_name",
  "headers"
];
var RESTART_LIMIT_IGNORED = {
  restart_limit: "a failing check never restarts a machine on the Machines platform; use [[restart]] for restart policy"
};
var TOP_RULES = {
  known: [
    "app",
    "primary_region",
    "kill_signal",
    "kill_timeout",
    "swap_size_mb",
    "console_command",
    "host_dedication_id",
    "experimental",
    "build",
    "deploy",
    "env",
    "processes",
    "mounts",
    "mount",
    "http_service",
    "services",
    "checks",
    "files",
    "machine_checks",
    "restart",
    "vm",
    "compute",
    "computes",
    "statics",
    "metrics",
    "metric",
    "schedules"
  ],
  misplaced: {
    machine_config: [
      "machine_config (a raw Machines API config file) is not supported by fly-rollout",
      "express the settings in fly.toml sections such as [[vm]], [[services]] and [checks]"
    ],
    container: [
      '"container" (multi-container machines) is not supported by fly-rollout',
      "fly-rollout deploys single-image machines; use flyctl for container apps"
    ],
    containers: [
      '"containers" (multi-container machines) is not supported by fly-rollout',
      "fly-rollout deploys single-image machines; use flyctl for container apps"
    ]
  }
};
function normalise(raw, r) {
  const o = r.origin;
  const config = remember(
    {
      env: {},
      processes: {},
      mounts: [],
      services: [],
      checks: {},
      files: [],
      machine_checks: [],
      restart: [],
      vm: [],
      statics: [],
      metrics: [],
      schedules: {}
    },
    o,
    []
  );
  r.checkKeys(raw, [], TOP_RULES);
  setIf(config, "app", r.str(raw, "app", []));
  setIf(config, "primary_region", r.str(raw, "primary_region", []));
  setIf(config, "kill_signal", r.str(raw, "kill_signal", []));
  setIf(config, "kill_timeout", r.duration(raw, "kill_timeout", [], "s"));
  setIf(config, "swap_size_mb", r.int(raw, "swap_size_mb", []));
  setIf(config, "console_command", r.str(raw, "console_command", []));
  setIf(config, "host_dedication_id", r.str(raw, "host_dedication_id", []));
  const experimentalMetrics = readExperimental(raw, r, config);
  const build = readBuild(raw, r);
  if (build !== void 0) config.build = build;
  const deploy = readDeploy(raw, r);
  if (deploy !== void 0) config.deploy = deploy;
  config.env = readEnv(raw, r);
  config.processes = readProcesses(raw, r);
  config.mounts = readMounts(raw, r);
  const httpService = readHttpService(raw, r);
  if (httpService !== void 0) config.http_service = httpService;
  config.services = readServices(raw, r);
  config.checks = readTopLevelChecks(raw, r);
  config.files = readFiles(raw, r);
  config.machine_checks = readMachineChecksAt(raw, "machine_checks", [], r);
  config.restart = readRestart(raw, r);
  config.vm = readComputes(raw, r);
  config.statics = readStatics(raw, r);
  config.metrics = readMetrics(raw, r);
  if (config.metrics.length === 0 && experimentalMetrics !== void 0) {
    config.metrics = [experimentalMetrics];
  }
  config.schedules = readSchedules(raw, r);
  return config;
}
function setIf(target, key, value) {
  if (value !== void 0) target[key] = value;
}
function tablesAt(raw, key, path, r, single) {
  const v = raw[key];
  const at = [...path, key];
  if (v === void 0) return [];
  const names = [
    ...path.filter((s) => typeof s === "string"),
    key
  ].join(".");
  if (Array.isArray(v)) {
    const out = [];
    v.forEach((item, i) => {
      if (isTable2(item)) out.push({ t: item, path: [...at, i] });
      else r.wrongType([...at, i], item, `a table ([[${names}]])`);
    });
    return out;
  }
  if (isTable2(v)) {
    if (single === "refuse") {
      r.error(
        "table-not-array",
        at,
        `[${names}] must be written [[${names}]]: flyctl reads it as a list of tables`,
        `write [[${names}]] (double brackets), one per entry`
      );
      return [];
    }
    if (single === "warn") {
      r.warn(
        "table-not-array",
        at,
        `[${names}] is a single table; flyctl reads it as one entry of [[${names}]]`,
        `write [[${names}]] (double brackets), one per entry, so more can follow`
      );
    }
    return [{ t: v, path: at }];
  }
  r.wrongType(at, v, `a list of tables ([[${names}]])`);
  return [];
}
function readExperimental(raw, r, config) {
  const path = ["experimental"];
  const t = r.table(raw, "experimental", []);
  if (t === void 0) return void 0;
  r.checkKeys(t, path, {
    known: [
      "cmd",
      "entrypoint",
      "exec",
      "auto_rollback",
      "enable_consul",
      "enable_etcd",
      "lazy_load_images",
      "use_zstd",
      "attached",
      "kill_timeout",
      "metrics_port",
      "metrics_path"
    ],
    ignored: {
      private_network: "every Machines app is on its private network; remove the key",
      allowed_public_ports: "ports are set per service in [[services.ports]]",
      auto_rollback_on_failure: "fly-rollout rolls back on failed checks by itself"
    },
    misplaced: {
      machine_config: [
        "[experimental] machine_config is not supported by fly-rollout",
        "express the settings in fly.toml sections such as [[vm]], [[services]] and [checks]"
      ]
    },
    lenient: true
  });
  const e = remember({}, r.origin, path);
  for (const key of ["cmd", "entrypoint", "exec"]) {
    const v = t[key];
    if (v === void 0) continue;
    if (typeof v === "string") e[key] = [v];
    else if (Array.isArray(v) && v.every((x) => typeof x === "string")) {
      e[key] = [...v];
    } else r.wrongType([...path, key], v, "a string or an array of strings");
  }
  for (const key of [
    "auto_rollback",
    "enable_consul",
    "enable_etcd",
    "lazy_load_images",
    "use_zstd"
  ]) {
    setIf(e, key, r.bool(t, key, path));
  }
  const attached = r.table(t, "attached", path);
  if (attached !== void 0) {
    const secrets = r.table(attached, "secrets", [...path, "attached"]);
    const exp = secrets && r.table(secrets, "export", [...path, "attached", "secrets"]);
    e.attached = exp ? { secrets: { export: stringMap(exp) } } : {};
  }
  if (t.kill_timeout !== void 0 && config.kill_timeout === void 0) {
    setIf(config, "kill_timeout", r.duration(t, "kill_timeout", path, "s"));
  }
  if (Object.keys(t).length > 0) config.experimental = e;
  let metrics;
  const port = r.int(t, "metrics_port", path);
  const mpath = r.str(t, "metrics_path", path);
  if (port !== void 0 || mpath !== void 0) {
    metrics = remember({ processes: [] }, r.origin, path);
    setIf(metrics, "port", port);
    setIf(metrics, "path", mpath);
  }
  return metrics;
}
function stringMap(t) {
  const out = {};
  for (const [k, v] of Object.entries(t)) out[k] = goString(v);
  return out;
}
function readBuild(raw, r) {
  const path = ["build"];
  const t = r.table(raw, "build", []);
  if (t === void 0) return void 0;
  r.checkKeys(t, path, {
    known: [
      "builder",
      "args",
      "buildpacks",
      "image",
      "settings",
      "builtin",
      "dockerfile",
      "ignorefile",
      "build-target",
      "build_target",
      "compose"
    ]
  });
  const b = remember({}, r.origin, path);
  for (const key of [
    "builder",
    "image",
    "builtin",
    "dockerfile",
    "ignorefile"
  ]) {
    setIf(b, key, r.str(t, key, path));
  }
  const target = r.str(t, "build-target", path) ?? r.str(t, "build_target", path);
  setIf(b, "build-target", target);
  setIf(b, "buildpacks", r.strList(t, "buildpacks", path));
  const args = r.table(t, "args", path);
  if (args !== void 0) {
    b.args = {};
    for (const [k, v] of Object.entries(args)) {
      if (typeof v === "string") b.args[k] = v;
      else
        r.wrongType(
          [...path, "args", k],
          v,
          "a string",
          `write ${k} = ${JSON.stringify(goString(v))}`
        );
    }
  }
  const settings = r.table(t, "settings", path);
  if (settings !== void 0) b.settings = { ...settings };
  const compose = t.compose;
  if (compose !== void 0) {
    if (isTable2(compose)) {
      r.checkKeys(compose, [...path, "compose"], {
        known: ["file"],
        lenient: true
      });
      b.compose = {};
      setIf(b.compose, "file", r.str(compose, "file", [...path, "compose"]));
    } else r.wrongType([...path, "compose"], compose, "a table");
  }
  return b;
}
function readDeploy(raw, r) {
  const path = ["deploy"];
  const t = r.table(raw, "deploy", []);
  if (t === void 0) return void 0;
  r.checkKeys(t, path, {
    known: [
      "strategy",
      "max_unavailable",
      "wait_timeout",
      "release_command",
      "release_command_timeout",
      "release_command_vm",
      "seed_command"
    ],
    misplaced: {
      counts: [
        '"counts" is not a fly.toml setting',
        "machine counts per region belong in the fly-rollout spec (counts:) or `fly scale count --region`"
      ],
      regions: [
        '"regions" is not a fly.toml setting',
        "regions to deploy to belong in the fly-rollout spec, or `fly deploy --regions`"
      ]
    }
  });
  const d = remember({}, r.origin, path);
  setIf(d, "strategy", r.str(t, "strategy", path));
  setIf(d, "max_unavailable", r.num(t, "max_unavailable", path));
  setIf(d, "wait_timeout", r.duration(t, "wait_timeout", path, "ns"));
  setIf(d, "release_command", r.str(t, "release_command", path));
  setIf(
    d,
    "release_command_timeout",
    r.duration(t, "release_command_timeout", path, "ns")
  );
  setIf(d, "seed_command", r.str(t, "seed_command", path));
  const vm = r.table(t, "release_command_vm", path);
  if (vm !== void 0) {
    const c = readCompute(vm, [...path, "release_command_vm"], r);
    if (c !== void 0) d.release_command_vm = c;
  }
  return d;
}
function readEnv(raw, r) {
  const v = raw.env;
  const env = {};
  if (v === void 0) return env;
  const merge = (t, path) => {
    for (const [k, val] of Object.entries(t)) {
      if (Array.isArray(val) || isTable2(val)) {
        r.warn(
          "wrong-type",
          [...path, k],
          `env "${k}" is ${tomlType2(val) === "array" ? "an array" : "a table"}; flyctl turns it into the text ${JSON.stringify(goString(val))}`,
          "environment values are strings"
        );
      }
      env[k] = goString(val);
    }
  };
  if (isTable2(v)) merge(v, ["env"]);
  else if (Array.isArray(v)) {
    v.forEach((item, i) => {
      if (isTable2(item)) merge(item, ["env", i]);
      else r.wrongType(["env", i], item, "a table");
    });
  } else r.wrongType(["env"], v, "a table");
  return env;
}
function goString(v) {
  if (typeof v === "string") return v;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return goFloat(v);
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
  if (Array.isArray(v)) return `[${v.map(goString).join(" ")}]`;
  if (isTable2(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goString(v[k])}`).join(" ")}]`;
  }
  return String(v);
}
function goFloat(v) {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  if (!Number.isFinite(v))
    return Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
  const [mant, expText] = v.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 21) {
    const sign = exp < 0 ? "-" : "+";
    const digits = String(Math.abs(exp)).padStart(2, "0");
    return `${mant}e${sign}${digits}`;
  }
  return String(v);
}
function readProcesses(raw, r) {
  const v = raw.processes;
  const out = {};
  if (v === void 0) return out;
  const add = (name, cmd, at) => {
    if (typeof cmd === "string") {
      const split = shlexSplit(cmd);
      if (split.ok) out[name] = split.words;
      else {
        out[name] = [];
        r.error(
          "invalid-value",
          at,
          `could not parse command for '${name}' process group: ${split.error}`,
          "check the quotes in the [processes] command"
        );
      }
    } else if (Array.isArray(cmd) && cmd.every((x) => typeof x === "string")) {
      out[name] = [...cmd];
      r.warn(
        "flyctl-incompatible",
        at,
        `process "${name}" is an array; fly-rollout accepts it but flyctl rejects it`,
        `write ${name} = ${JSON.stringify(cmd.map(shellQuote).join(" "))} so a plain \`fly deploy\` keeps working`
      );
    } else {
      r.wrongType(
        at,
        cmd,
        "a command string",
        `write ${name} = "bin/server --port 8080"`
      );
    }
  };
  if (isTable2(v)) {
    for (const [name, cmd] of Object.entries(v))
      add(name, cmd, ["processes", name]);
  } else if (Array.isArray(v)) {
    v.forEach((item, i) => {
      if (!isTable2(item)) return;
      if (item.name === void 0) return;
      add(
        goString(item.name),
        item.command === void 0 ? "" : goString(item.command),
        ["processes", i]
      );
    });
  } else {
    r.wrongType(
      ["processes"],
      v,
      "a table",
      'write [processes] with one name = "command" per group'
    );
  }
  return out;
}
function shellQuote(word) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;
}
function readMounts(raw, r) {
  const entries = [
    ...tablesAt(raw, "mount", [], r, "ok"),
    ...tablesAt(raw, "mounts", [], r, "ok")
  ];
  const out = [];
  for (const { t, path } of entries) {
    r.checkKeys(t, path, {
      known: [
        "source",
        "destination",
        "initial_size",
        "snapshot_retention",
        "scheduled_snapshots",
        "auto_extend_size_threshold",
        "auto_extend_size_increment",
        "auto_extend_size_limit",
        "processes"
      ]
    });
    const source = r.str(t, "source", path);
    const destination = r.str(t, "destination", path);
    if (source === void 0 || destination === void 0) {
      r.error(
        "missing-key",
        path,
        `${sectionName(path)} needs both "source" (the volume name) and "destination" (where to mount it)`,
        'write source = "data" and destination = "/data"'
      );
    }
    const m = remember(
      {
        source: source ?? "",
        destination: destination ?? "",
        processes: r.strList(t, "processes", path) ?? []
      },
      r.origin,
      path
    );
    const size = t.initial_size;
    if (typeof size === "string") m.initial_size = size;
    else if (typeof size === "number" || typeof size === "bigint")
      m.initial_size = goString(size);
    else if (size !== void 0)
      r.wrongType([...path, "initial_size"], size, 'a size such as "10gb"');
    setIf(m, "snapshot_retention", r.int(t, "snapshot_retention", path));
    setIf(m, "scheduled_snapshots", r.bool(t, "scheduled_snapshots", path));
    setIf(
      m,
      "auto_extend_size_threshold",
      r.int(t, "auto_extend_size_threshold", path)
    );
    for (const key of [
      "auto_extend_size_increment",
      "auto_extend_size_limit"
    ]) {
      const val = t[key];
      if (typeof val === "number" || typeof val === "bigint")
        m[key] = goString(val);
      else setIf(m, key, r.str(t, key, path));
    }
    out.push(m);
  }
  return out;
}
function readAutostop(t, path, r) {
  const v = t.auto_stop_machines;
  if (v === void 0) return void 0;
  if (v === true) return "stop";
  if (v === false) return "off";
  if (v === "off" || v === "stop" || v === "suspend") return v;
  const at = [...path, "auto_stop_machines"];
  if (typeof v === "string") {
    r.error(
      "invalid-value",
      at,
      `auto_stop_machines in ${sectionName(path)} must be "off", "stop", "suspend", true or false, not ${JSON.stringify(v)}`
    );
  } else r.wrongType(at, v, 'a boolean or one of "off", "stop", "suspend"');
  return void 0;
}
function readMinMachines(t, path, r) {
  const v = t.min_machines_running;
  if (isTable2(v)) {
    r.error(
      "per-region-count",
      [...path, "min_machines_running"],
      `min_machines_running in ${sectionName(path)} is one integer for the whole service, not a per-region table`,
      "Fly keeps that many machines running in the primary region only; write min_machines_running = 1, and put per-region machine counts in the fly-rollout spec (counts:) or run `fly scale count --region`"
    );
    return void 0;
  }
  return r.int(t, "min_machines_running", path);
}
function readConcurrency(t, path, r, allowString) {
  const v = t.concurrency;
  if (v === void 0) return void 0;
  const at = [...path, "concurrency"];
  if (typeof v === "string" && allowString) {
    const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(v);
    if (m === null) {
      r.error(
        "invalid-value",
        at,
        `unknown value ${JSON.stringify(v)} for concurrency limits`,
        "write [services.concurrency] with type, soft_limit and hard_limit"
      );
      return void 0;
    }
    return {
      type: "requests",
      hard_limit: Number(m[2]),
      soft_limit: Number(m[1])
    };
  }
  if (!isTable2(v)) {
    r.wrongType(
      at,
      v,
      "a table",
      'write [services.concurrency] with type = "requests", soft_limit and hard_limit'
    );
    return void 0;
  }
  r.checkKeys(v, at, { known: ["type", "hard_limit", "soft_limit"] });
  const c = {};
  setIf(c, "type", r.str(v, "type", at));
  setIf(c, "hard_limit", r.int(v, "hard_limit", at));
  setIf(c, "soft_limit", r.int(v, "soft_limit", at));
  return c;
}
function readTlsOptions(t, path, r) {
  const v = r.table(t, "tls_options", path);
  if (v === void 0) return void 0;
  const at = [...path, "tls_options"];
  r.checkKeys(v, at, { known: ["alpn", "versions", "default_self_signed"] });
  const o = {};
  setIf(o, "alpn", r.strList(v, "alpn", at));
  setIf(o, "versions", r.strList(v, "versions", at));
  setIf(o, "default_self_signed", r.bool(v, "default_self_signed", at));
  return o;
}
function readHttpOptions(t, path, r) {
  const v = r.table(t, "http_options", path);
  if (v === void 0) return void 0;
  const at = [...path, "http_options"];
  r.checkKeys(v, at, {
    known: [
      "compress",
      "h2_backend",
      "idle_timeout",
      "headers_read_timeout",
      "response",
      "replay_cache"
    ]
  });
  const o = {};
  setIf(o, "compress", r.bool(v, "compress", at));
  setIf(o, "h2_backend", r.bool(v, "h2_backend", at));
  setIf(o, "idle_timeout", r.int(v, "idle_timeout", at));
  setIf(o, "headers_read_timeout", r.int(v, "headers_read_timeout", at));
  const resp = r.table(v, "response", at);
  if (resp !== void 0) {
    const rat = [...at, "response"];
    r.checkKeys(resp, rat, { known: ["headers", "pristine"] });
    o.response = {};
    const headers = r.table(resp, "headers", rat);
    if (headers !== void 0)
      o.response.headers = plain(headers);
    setIf(o.response, "pristine", r.bool(resp, "pristine", rat));
  }
  const caches = tablesAt(v, "replay_cache", at, r, "warn");
  if (v.replay_cache !== void 0) {
    o.replay_cache = caches.map(({ t: c, path: cp }) => {
      r.checkKeys(c, cp, {
        known: ["path_prefix", "ttl_seconds", "type", "name", "allow_bypass"]
      });
      const rc = {};
      setIf(rc, "path_prefix", r.str(c, "path_prefix", cp));
      setIf(rc, "ttl_seconds", r.int(c, "ttl_seconds", cp));
      const type = r.str(c, "type", cp);
      if (type === "cookie" || type === "header") rc.type = type;
      else if (type !== void 0) {
        r.error(
          "invalid-value",
          [...cp, "type"],
          `replay_cache type must be "cookie" or "header", not ${JSON.stringify(type)}`
        );
      }
      setIf(rc, "name", r.str(c, "name", cp));
      setIf(rc, "allow_bypass", r.bool(c, "allow_bypass", cp));
      return rc;
    });
  }
  return o;
}
function plain(v) {
  if (Array.isArray(v)) return v.map(plain);
  if (isTable2(v)) {
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  if (typeof v === "bigint") return Number(v);
  return v;
}
function readHeaders(t, path, r) {
  const v = t.headers;
  if (v === void 0) return void 0;
  const at = [...path, "headers"];
  const out = {};
  if (isTable2(v)) {
    for (const [k, val] of Object.entries(v)) out[k] = goString(val);
  } else if (Array.isArray(v)) {
    v.forEach((item, i) => {
      if (isTable2(item) && item.name !== void 0) {
        out[goString(item.name)] = item.value === void 0 ? "" : goString(item.value);
      } else {
        r.error(
          "invalid-value",
          [...at, i],
          "unsupported headers format",
          'write [<check>.headers] with one Header-Name = "value" per header'
        );
      }
    });
  } else {
    r.wrongType(at, v, "a table of header names to values");
  }
  return Object.keys(out).length > 0 ? out : void 0;
}
function readTimings(target, t, path, r) {
  for (const key of CHECK_TIMING)
    setIf(target, key, r.duration(t, key, path, "ms"));
}
function readHttpCheckFields(target, t, path, r) {
  readTimings(target, t, path, r);
  for (const key of [
    "method",
    "path",
    "protocol",
    "tls_server_name"
  ]) {
    setIf(target, key, r.str(t, key, path));
  }
  setIf(target, "tls_skip_verify", r.bool(t, "tls_skip_verify", path));
  setIf(target, "headers", readHeaders(t, path, r));
}
function readServiceChecks(t, key, path, r) {
  const tcp = [];
  const http2 = [];
  for (const { t: c, path: cp } of tablesAt(t, key, path, r, "warn")) {
    if (key === "tcp_checks") {
      r.checkKeys(c, cp, {
        known: CHECK_TIMING,
        ignored: RESTART_LIMIT_IGNORED,
        misplaced: checkKeyMisplaced("tcp")
      });
      const check = remember({}, r.origin, cp);
      readTimings(check, c, cp, r);
      tcp.push(check);
    } else {
      r.checkKeys(c, cp, {
        known: HTTP_CHECK_KEYS,
        ignored: RESTART_LIMIT_IGNORED,
        misplaced: checkKeyMisplaced("http")
      });
      const check = remember({}, r.origin, cp);
      readHttpCheckFields(check, c, cp, r);
      http2.push(check);
    }
  }
  return { tcp, http: http2 };
}
function checkKeyMisplaced(kind) {
  return {
    port: [
      `a service ${kind} check has no "port": it always checks the service's internal_port`,
      'remove "port", or use a top-level [checks.<name>] check to probe another port'
    ],
    type: [
      `a service check has no "type": the section says it is ${kind === "tcp" ? "TCP" : "HTTP"}`,
      'remove "type"'
    ]
  };
}
function readPorts(t, path, r) {
  const out = [];
  for (const { t: p, path: pp } of tablesAt(t, "ports", path, r, "warn")) {
    r.checkKeys(p, pp, {
      known: [
        "port",
        "start_port",
        "end_port",
        "handlers",
        "force_https",
        "tls_options",
        "http_options",
        "proxy_proto_options"
      ]
    });
    const port = remember({}, r.origin, pp);
    setIf(port, "port", readCoercedInt(p, "port", pp, r));
    setIf(port, "start_port", r.int(p, "start_port", pp));
    setIf(port, "end_port", r.int(p, "end_port", pp));
    setIf(port, "handlers", r.strList(p, "handlers", pp));
    setIf(port, "force_https", r.bool(p, "force_https", pp));
    setIf(port, "tls_options", readTlsOptions(p, pp, r));
    setIf(port, "http_options", readHttpOptions(p, pp, r));
    const ppo = r.table(p, "proxy_proto_options", pp);
    if (ppo !== void 0) {
      const at = [...pp, "proxy_proto_options"];
      r.checkKeys(ppo, at, { known: ["version"] });
      port.proxy_proto_options = {};
      setIf(port.proxy_proto_options, "version", r.str(ppo, "version", at));
    }
    out.push(port);
  }
  return out;
}
function readCoercedInt(t, key, path, r) {
  const v = t[key];
  if (v === void 0) return void 0;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" && Number.isInteger(v)) return v;
  const at = [...path, key];
  if (typeof v === "string" && /^[+-]?\d+$/.test(v.trim()) && v.trim() === v) {
    r.wrongType(
      at,
      v,
      "an integer",
      `flyctl converts it; write ${key} = ${Number(v)}`,
      "warning"
    );
    return Number(v);
  }
  if (typeof v === "number" && Number.isFinite(v)) {
    r.wrongType(
      at,
      v,
      "an integer",
      `flyctl truncates it to ${Math.trunc(v)}`,
      "warning"
    );
    return Math.trunc(v);
  }
  r.wrongType(
    at,
    v,
    "an integer",
    typeof v === "string" ? `write ${key} = 8080` : void 0
  );
  return void 0;
}
function readHttpService(raw, r) {
  const path = ["http_service"];
  const t = r.table(raw, "http_service", []);
  if (t === void 0) return void 0;
  r.checkKeys(t, path, {
    known: [
      "internal_port",
      "force_https",
      "auto_stop_machines",
      "auto_start_machines",
      "min_machines_running",
      "processes",
      "concurrency",
      "tls_options",
      "http_options",
      "checks",
      "machine_checks"
    ],
    ignored: {
      proxy_proto_options: "use a [[services]] section whose [[services.ports]] set proxy_proto_options"
    },
    misplaced: {
      ...COMPUTE_IN_SERVICE,
      ports: [
        '[http_service] has fixed ports (80 and 443) and no "ports" key',
        "to listen on other ports, add a [[services]] section with [[services.ports]]"
      ],
      tcp_checks: [
        "[http_service] takes [[http_service.checks]] (HTTP checks), not tcp_checks",
        'write [[http_service.checks]], or use a top-level [checks.<name>] with type = "tcp"'
      ],
      http_checks: [
        "[http_service] checks are written [[http_service.checks]], not http_checks",
        "rename the section to [[http_service.checks]]"
      ],
      protocol: [
        '[http_service] is always TCP with HTTP handlers; it has no "protocol"',
        'remove "protocol", or use [[services]] for other protocols'
      ]
    }
  });
  const internal = r.int(t, "internal_port", path);
  if (internal === void 0 && t.internal_port === void 0) {
    r.error(
      "missing-key",
      path,
      '[http_service] needs "internal_port", the port your app listens on',
      "write internal_port = 8080"
    );
  }
  const { http: http2 } = readServiceChecks(t, "checks", path, r);
  const hs = remember(
    {
      internal_port: internal ?? 0,
      force_https: r.bool(t, "force_https", path) ?? false,
      processes: r.strList(t, "processes", path) ?? [],
      checks: http2,
      machine_checks: readMachineChecksAt(t, "machine_checks", path, r)
    },
    r.origin,
    path
  );
  setIf(hs, "auto_stop_machines", readAutostop(t, path, r));
  setIf(hs, "auto_start_machines", r.bool(t, "auto_start_machines", path));
  setIf(hs, "min_machines_running", readMinMachines(t, path, r));
  setIf(hs, "concurrency", readConcurrency(t, path, r, false));
  setIf(hs, "tls_options", readTlsOptions(t, path, r));
  setIf(hs, "http_options", readHttpOptions(t, path, r));
  return hs;
}
function readServices(raw, r) {
  const v = raw.services;
  const out = [];
  const fromTable = isTable2(v);
  for (const { t, path } of tablesAt(raw, "services", [], r, "ok")) {
    if (Object.keys(t).length === 0) continue;
    if (fromTable) {
      r.warn(
        "table-not-array",
        path,
        "[services] is a single table; flyctl reads it as one [[services]] entry",
        "write [[services]] (double brackets); to configure [http_service], use [http_service.concurrency] or [[http_service.checks]]"
      );
    }
    r.checkKeys(t, path, {
      known: [
        "protocol",
        "internal_port",
        "auto_stop_machines",
        "auto_start_machines",
        "min_machines_running",
        "ports",
        "concurrency",
        "tcp_checks",
        "http_checks",
        "machine_checks",
        "processes"
      ],
      ignored: {
        script_checks: "script checks ran on the old Nomad platform only; use [checks] or [[services.http_checks]]",
        autoscaled: "use auto_stop_machines and auto_start_machines"
      },
      misplaced: {
        ...COMPUTE_IN_SERVICE,
        checks: [
          'a [[services]] section has no "checks": its checks are [[services.tcp_checks]] and [[services.http_checks]]',
          "rename to [[services.http_checks]] or [[services.tcp_checks]] ([[http_service.checks]] exists only under [http_service])"
        ],
        force_https: [
          '"force_https" belongs on a port, not on the service',
          "move it into the [[services.ports]] entry for port 80"
        ],
        handlers: [
          '"handlers" belongs on a port, not on the service',
          "move it into a [[services.ports]] entry"
        ],
        port: [
          '"port" belongs in [[services.ports]]; the service itself has "internal_port"',
          "write internal_port = <the port your app listens on> and a [[services.ports]] entry with port = <the public port>"
        ]
      }
    });
    const internal = readCoercedInt(t, "internal_port", path, r);
    if (internal === void 0 && t.internal_port === void 0) {
      r.error(
        "missing-key",
        path,
        `${sectionName(path)} needs "internal_port", the port your app listens on`,
        fromTable ? "a [services.\u2026] table outside any [[services]] entry makes a service of its own; put these settings under [http_service] ([http_service.concurrency], [[http_service.checks]]) or inside a [[services]] entry" : "write internal_port = 8080"
      );
    }
    const protocol = r.str(t, "protocol", path);
    if (protocol !== void 0 && protocol !== "tcp" && protocol !== "udp") {
      r.warn(
        "invalid-value",
        [...path, "protocol"],
        `protocol ${JSON.stringify(protocol)} in ${sectionName(path)} is neither "tcp" nor "udp"`
      );
    }
    const checks = {
      tcp: readServiceChecks(t, "tcp_checks", path, r).tcp,
      http: readServiceChecks(t, "http_checks", path, r).http
    };
    const s = remember(
      {
        internal_port: internal ?? 0,
        ports: readPorts(t, path, r),
        tcp_checks: checks.tcp,
        http_checks: checks.http,
        machine_checks: readMachineChecksAt(t, "machine_checks", path, r),
        processes: r.strList(t, "processes", path) ?? []
      },
      r.origin,
      path
    );
    setIf(s, "protocol", protocol);
    setIf(s, "auto_stop_machines", readAutostop(t, path, r));
    setIf(s, "auto_start_machines", r.bool(t, "auto_start_machines", path));
    setIf(s, "min_machines_running", readMinMachines(t, path, r));
    setIf(s, "concurrency", readConcurrency(t, path, r, true));
    out.push(s);
  }
  return out;
}
function readMachineChecksAt(t, key, path, r) {
  const out = [];
  for (const { t: c, path: cp } of tablesAt(t, key, path, r, "warn")) {
    r.checkKeys(c, cp, {
      known: ["command", "image", "entrypoint", "kill_signal", "kill_timeout"]
    });
    const argv = (k) => {
      const v = c[k];
      if (v === void 0) return void 0;
      if (typeof v === "string") {
        const split = shlexSplit(v);
        if (split.ok) return split.words;
        r.error(
          "invalid-value",
          [...cp, k],
          `could not parse ${k} ${JSON.stringify(v)}: ${split.error}`
        );
        return void 0;
      }
      if (Array.isArray(v) && v.every((x) => typeof x === "string"))
        return [...v];
      r.wrongType([...cp, k], v, "an array of strings");
      return void 0;
    };
    const check = remember(
      { command: argv("command") ?? [] },
      r.origin,
      cp
    );
    setIf(check, "image", r.str(c, "image", cp));
    setIf(check, "entrypoint", argv("entrypoint"));
    setIf(check, "kill_signal", r.str(c, "kill_signal", cp));
    setIf(check, "kill_timeout", r.duration(c, "kill_timeout", cp, "ns"));
    r.warn(
      "not-run",
      cp,
      "fly-rollout does not run machine_checks",
      "flyctl runs them in a throwaway machine before a rolling deploy; fly-rollout gates each wave on health checks and its bake instead"
    );
    out.push(check);
  }
  return out;
}
function readTopLevelChecks(raw, r) {
  const v = raw.checks;
  const out = {};
  if (v === void 0) return out;
  const read = (name, c, cp, arrayForm) => {
    if (!isTable2(c)) {
      r.wrongType(
        cp,
        c,
        "a table",
        `write [checks.${name}] with type, port and the check's settings`
      );
      return;
    }
    r.checkKeys(c, cp, {
      known: [
        ...HTTP_CHECK_KEYS,
        "type",
        "port",
        "processes",
        ...arrayForm ? ["name"] : []
      ],
      ignored: {
        ...RESTART_LIMIT_IGNORED,
        kind: 'flyctl does not send "kind"; top-level checks stay informational'
      }
    });
    const check = remember(
      { processes: r.strList(c, "processes", cp) ?? [] },
      r.origin,
      cp
    );
    setIf(check, "type", r.str(c, "type", cp));
    setIf(check, "port", r.int(c, "port", cp));
    readHttpCheckFields(check, c, cp, r);
    out[name] = check;
  };
  if (isTable2(v)) {
    for (const [name, c] of Object.entries(v))
      read(name, c, ["checks", name], false);
  } else if (Array.isArray(v)) {
    v.forEach((c, i) => {
      if (isTable2(c) && typeof c.name === "string")
        read(c.name, c, ["checks", i], true);
      else {
        r.error(
          "missing-key",
          ["checks", i],
          'a [[checks]] entry needs a "name"',
          "write [checks.<name>] tables instead of [[checks]]"
        );
      }
    });
  } else {
    r.wrongType(
      ["checks"],
      v,
      "a table of named checks",
      "write [checks.<name>]"
    );
  }
  return out;
}
function readFiles(raw, r) {
  const out = [];
  for (const { t, path } of tablesAt(raw, "files", [], r, "refuse")) {
    r.checkKeys(t, path, {
      known: [
        "guest_path",
        "local_path",
        "secret_name",
        "raw_value",
        "processes"
      ]
    });
    const guest = r.str(t, "guest_path", path);
    if (guest === void 0 || guest === "") {
      r.error(
        "missing-key",
        path,
        '[[files]] needs "guest_path", the absolute path to write on the machine'
      );
    }
    const f = remember(
      {
        guest_path: guest ?? "",
        processes: r.strList(t, "processes", path) ?? []
      },
      r.origin,
      path
    );
    setIf(f, "local_path", r.str(t, "local_path", path));
    setIf(f, "secret_name", r.str(t, "secret_name", path));
    setIf(f, "raw_value", r.str(t, "raw_value", path));
    const sources = ["local_path", "secret_name", "raw_value"].filter((k) => (f[k] ?? "") !== "");
    if (sources.length > 1) {
      r.warn(
        "ignored-key",
        path,
        `[[files]] sets ${sources.join(" and ")}; only ${sources[0]} is used`,
        "set exactly one of local_path, secret_name and raw_value"
      );
    }
    out.push(f);
  }
  return out;
}
function readStatics(raw, r) {
  const out = [];
  for (const { t, path } of tablesAt(raw, "statics", [], r, "refuse")) {
    r.checkKeys(t, path, {
      known: ["guest_path", "url_prefix", "tigris_bucket", "index_document"]
    });
    const guest = r.str(t, "guest_path", path);
    const prefix = r.str(t, "url_prefix", path);
    if (!guest || !prefix) {
      r.error(
        "missing-key",
        path,
        '[[statics]] needs "guest_path" and "url_prefix"',
        'write guest_path = "/app/public" and url_prefix = "/public"'
      );
    }
    const s = remember(
      { guest_path: guest ?? "", url_prefix: prefix ?? "" },
      r.origin,
      path
    );
    setIf(s, "tigris_bucket", r.str(t, "tigris_bucket", path));
    setIf(s, "index_document", r.str(t, "index_document", path));
    out.push(s);
  }
  return out;
}
function readMetrics(raw, r) {
  const out = [];
  const entries = [
    ...tablesAt(raw, "metric", [], r, "ok"),
    ...tablesAt(raw, "metrics", [], r, "ok")
  ];
  for (const { t, path } of entries) {
    r.checkKeys(t, path, { known: ["port", "path", "https", "processes"] });
    const m = remember(
      { processes: r.strList(t, "processes", path) ?? [] },
      r.origin,
      path
    );
    setIf(m, "port", r.int(t, "port", path));
    setIf(m, "path", r.str(t, "path", path));
    setIf(m, "https", r.bool(t, "https", path));
    out.push(m);
  }
  return out;
}
function readRestart(raw, r) {
  const out = [];
  for (const { t, path } of tablesAt(raw, "restart", [], r, "ok")) {
    r.checkKeys(t, path, {
      known: ["policy", "retries", "processes"],
      misplaced: {
        max_retries: [
          '[[restart]] spells the retry count "retries"',
          "write retries = 3 (fly-rollout sends it as max_retries)"
        ]
      }
    });
    const rs = remember(
      { processes: r.strList(t, "processes", path) ?? [] },
      r.origin,
      path
    );
    const policy = r.str(t, "policy", path);
    if (policy === "always" || policy === "on-failure" || policy === "never")
      rs.policy = policy;
    else if (policy !== void 0) {
      r.error(
        "invalid-value",
        [...path, "policy"],
        `invalid restart policy: ${policy}`,
        policy === "no" ? 'fly.toml spells it "never" (the Machines API calls it "no")' : 'use "always", "on-failure" or "never"'
      );
    }
    if (t.policy === void 0) {
      r.error(
        "missing-key",
        path,
        "invalid restart policy: [[restart]] needs a policy",
        'write policy = "always", "on-failure" or "never"'
      );
    }
    setIf(rs, "retries", r.int(t, "retries", path));
    out.push(rs);
  }
  return out;
}
function readComputes(raw, r) {
  const out = [];
  for (const key of ["compute", "computes", "vm"]) {
    for (const { t, path } of tablesAt(raw, key, [], r, "ok")) {
      const c = readCompute(t, path, r);
      if (c !== void 0) out.push(c);
    }
  }
  return out;
}
function readCompute(t, path, r) {
  r.checkKeys(t, path, {
    known: VM_KEYS,
    misplaced: {
      min_machines_running: [
        '"min_machines_running" belongs to a service, not to [[vm]]',
        "move it to [http_service] or the [[services]] entry"
      ],
      count: [
        '"count" is not a fly.toml setting: fly.toml sizes machines, it does not count them',
        "machine counts belong in the fly-rollout spec (counts:) or `fly scale count`"
      ]
    }
  });
  const c = remember(
    { processes: r.strList(t, "processes", path) ?? [] },
    r.origin,
    path
  );
  setIf(c, "size", r.str(t, "size", path));
  const mem = t.memory;
  if (typeof mem === "string") c.memory = mem;
  else if (typeof mem === "number" || typeof mem === "bigint")
    c.memory = goString(mem);
  else if (mem !== void 0)
    r.wrongType([...path, "memory"], mem, 'a size such as "1gb" or 512');
  setIf(c, "cpu_kind", r.str(t, "cpu_kind", path));
  setIf(c, "cpus", r.int(t, "cpus", path));
  setIf(c, "memory_mb", r.int(t, "memory_mb", path));
  setIf(c, "max_memory_mb", r.int(t, "max_memory_mb", path));
  setIf(c, "gpus", r.int(t, "gpus", path));
  setIf(c, "gpu_kind", r.str(t, "gpu_kind", path));
  setIf(c, "host_dedication_id", r.str(t, "host_dedication_id", path));
  setIf(c, "kernel_args", r.strList(t, "kernel_args", path));
  const persist = r.str(t, "persist_rootfs", path);
  if (persist === "never" || persist === "always" || persist === "restart")
    c.persist_rootfs = persist;
  else if (persist !== void 0) {
    r.error(
      "invalid-value",
      [...path, "persist_rootfs"],
      `persist_rootfs must be "never", "always" or "restart", not ${JSON.stringify(persist)}`
    );
  }
  return c;
}
function readSchedules(raw, r) {
  const t = r.table(raw, "schedules", []);
  const out = {};
  if (t === void 0) return out;
  for (const key of Object.keys(t)) {
    const v = r.str(t, key, ["schedules"]);
    if (v !== void 0) out[key] = v;
  }
  return out;
}

// src/core/spec.ts
var import_yaml = __toESM(require_dist(), 1);

// src/core/units.ts
function parseDuration(value) {
  const ms2 = readDuration(value);
  return ms2 !== void 0 && Number.isFinite(ms2) ? ms2 : void 0;
}
function readDuration(value) {
  if (typeof value === "number") {
    return Number.isFinite(value) && value >= 0 ? value * 1e3 : void 0;
  }
  if (typeof value !== "string") return void 0;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1e3;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return void 0;
    total += Number(m[1]) * UNIT[m[2]];
    pos = re.lastIndex;
  }
  return pos > 0 ? total : void 0;
}
var UNIT = {
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5
};
function parseRate(value) {
  let n;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && /^\s*\d+(\.\d+)?\s*%\s*$/.test(value)) {
    n = Number(value.trim().slice(0, -1)) / 100;
  } else if (typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value)) {
    n = Number(value);
  } else return void 0;
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : void 0;
}
function formatDuration(ms2) {
  if (ms2 > 0 && Math.round(ms2) < 1e3) return `${Math.round(ms2)}ms`;
  ms2 = Math.round(ms2 / 100) * 100;
  const h = Math.floor(ms2 / 36e5);
  const m = Math.floor(ms2 % 36e5 / 6e4);
  const s = Math.round(ms2 % 6e4 / 100) / 10;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s || !h && !m ? `${s}s` : ""}`;
}
function formatRate(rate) {
  return `${Math.round(rate * 1e4) / 100}%`;
}

// src/core/spec.ts
var SPEC_DEFAULTS = {
  probeIntervalMs: 200,
  probeTimeoutMs: 5e3,
  maxErrorRate: 0.05,
  machineDeadlineMs: 5 * 6e4,
  progressDeadlineMs: 15 * 6e4,
  alpha: 0.01
};
var TOP_KEYS = [
  "waves",
  "counts",
  "probes",
  "compare",
  "on-inconclusive",
  "max-unavailable",
  "machine-deadline",
  "progress-deadline",
  "allow-downtime",
  "alpha",
  "identity",
  "verify-passes"
];
var WAVE_KEYS = [
  "name",
  "regions",
  "machines",
  "fraction",
  "bake",
  "max-bake",
  "max-unavailable",
  "progress-deadline",
  "gate",
  "on-inconclusive"
];
var PROBE_KEYS = [
  "path",
  "method",
  "expect",
  "interval",
  "timeout",
  "headers",
  "max-error-rate",
  "max-p95",
  "max-p99",
  "min-samples"
];
var COMPARE_KEYS = [
  "errors",
  "latency",
  "abs-margin",
  "rel-margin",
  "allowed-increase",
  "min-latency-delta"
];
var IDENTITY_KEYS = ["machine-header", "version-header"];
var HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
function parseRolloutSpec(text, source) {
  const diagnostics = [];
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false
  });
  const at = (node) => node?.range ? lines.linePos(node.range[0]).line : void 0;
  const error = (summary, node, key, detail) => {
    diagnostics.push({
      severity: "error",
      code: "rollout-spec",
      summary: oneLine(summary),
      detail: detail === void 0 ? void 0 : oneLine(detail),
      file: source,
      line: at(node),
      key
    });
  };
  for (const e of doc.errors) {
    diagnostics.push({
      severity: "error",
      code: "yaml",
      summary: oneLine(`invalid YAML: ${e.message.split("\n")[0]}`),
      file: source,
      // linePos is only filled in with prettyErrors: count lines ourselves.
      line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line
    });
  }
  if (diagnostics.length) return { diagnostics };
  const spec = {
    counts: {},
    probes: [],
    compare: {
      errors: true,
      latency: true,
      absMargin: 5e-3,
      relMargin: 2,
      allowedIncrease: 1.1,
      minLatencyDeltaMs: 5
    },
    onInconclusive: "hold",
    maxUnavailable: 1,
    machineDeadlineMs: SPEC_DEFAULTS.machineDeadlineMs,
    progressDeadlineMs: SPEC_DEFAULTS.progressDeadlineMs,
    allowDowntime: false,
    alpha: SPEC_DEFAULTS.alpha,
    verifyPasses: 1,
    identity: {
      machineHeader: "x-fly-machine-id",
      versionHeader: "x-fly-machine-version"
    }
  };
  const root = doc.contents;
  if (root === null || (0, import_yaml.isScalar)(root) && (root.value === null || root.value === "")) {
    return { spec, diagnostics };
  }
  if (!(0, import_yaml.isMap)(root)) {
    error(
      "the rollout spec must be a YAML mapping (waves:, counts:, probes:, \u2026)",
      root
    );
    return { diagnostics };
  }
  const keysOf = (map, allowed, where) => {
    const out = /* @__PURE__ */ new Map();
    for (const pair of map.items) {
      const k = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : "";
      if (!allowed.includes(k)) {
        const s = suggestKey(k, allowed);
        error(
          `unknown key "${k}" in ${where}`,
          pair.key,
          // A dotted path like every other diagnostic's key (waves[0].bakee).
          where === "the rollout spec" ? k : `${where}.${k}`,
          s ? `did you mean "${s}"?` : `allowed: ${allowed.join(", ")}`
        );
        continue;
      }
      out.set(k, pair);
    }
    return out;
  };
  const scalar = (pair) => (0, import_yaml.isScalar)(pair.value) ? pair.value.value : void 0;
  const duration = (pair, name) => {
    if (!pair) return void 0;
    const ms2 = parseDuration(scalar(pair));
    if (ms2 === void 0)
      error(
        `${name} must be a duration like 2m, 30s or 400ms`,
        pair.value,
        name
      );
    return ms2;
  };
  const positiveInt = (pair, name, min = 1) => {
    if (!pair) return void 0;
    const v = scalar(pair);
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
      error(
        `${name} must be an integer \u2265 ${min}, got ${JSON.stringify(v ?? null)}`,
        pair.value,
        name
      );
      return void 0;
    }
    return v;
  };
  const rate = (pair, name) => {
    if (!pair) return void 0;
    const r = parseRate(scalar(pair));
    if (r === void 0)
      error(`${name} must be a share like 1% or 0.01`, pair.value, name);
    return r;
  };
  const ratio = (pair, name) => {
    if (!pair) return void 0;
    const v = scalar(pair);
    if (typeof v !== "number" || !Number.isFinite(v) || v < 1) {
      error(
        `${name} must be a ratio of at least 1, like 2 or 1.1, got ${JSON.stringify(v ?? null)}`,
        pair.value,
        name
      );
      return void 0;
    }
    return v;
  };
  const oneOf = (pair, name, values) => {
    if (!pair) return void 0;
    const v = scalar(pair);
    if (typeof v !== "string" || !values.includes(v)) {
      error(`${name} must be one of ${values.join(", ")}`, pair.value, name);
      return void 0;
    }
    return v;
  };
  const bool = (pair, name) => {
    if (!pair) return void 0;
    const v = scalar(pair);
    if (typeof v !== "boolean") {
      error(`${name} must be true or false`, pair.value, name);
      return void 0;
    }
    return v;
  };
  const top = keysOf(root, TOP_KEYS, "the rollout spec");
  spec.onInconclusive = oneOf(top.get("on-inconclusive"), "on-inconclusive", [
    "hold",
    "fail",
    "pass"
  ]) ?? "hold";
  const mu = top.get("max-unavailable");
  if (mu) spec.maxUnavailable = positiveInt(mu, "max-unavailable") ?? 1;
  spec.machineDeadlineMs = duration(top.get("machine-deadline"), "machine-deadline") ?? spec.machineDeadlineMs;
  spec.progressDeadlineMs = duration(top.get("progress-deadline"), "progress-deadline") ?? spec.progressDeadlineMs;
  spec.allowDowntime = bool(top.get("allow-downtime"), "allow-downtime") ?? false;
  const alphaPair = top.get("alpha");
  if (alphaPair) {
    const a = rate(alphaPair, "alpha");
    if (a !== void 0 && (a <= 0 || a >= 0.5))
      error("alpha must be between 0 and 0.5", alphaPair.value, "alpha");
    else if (a !== void 0) spec.alpha = a;
  }
  spec.verifyPasses = positiveInt(top.get("verify-passes"), "verify-passes") ?? 1;
  const wavesPair = top.get("waves");
  if (wavesPair) {
    if (!(0, import_yaml.isSeq)(wavesPair.value) || wavesPair.value.items.length === 0) {
      error(
        "waves must be a non-empty list of waves",
        wavesPair.value ?? wavesPair.key,
        "waves"
      );
    } else {
      spec.waves = [];
      wavesPair.value.items.forEach((item, i) => {
        const key = `waves[${i}]`;
        if (!(0, import_yaml.isMap)(item)) {
          error(`${key} must be a mapping with regions:`, item, key);
          return;
        }
        const w = keysOf(item, WAVE_KEYS, key);
        const regionsPair = w.get("regions");
        let regions = [];
        if (!regionsPair)
          error(
            `${key} needs regions: (a list of region codes, or "*")`,
            item,
            `${key}.regions`
          );
        else if ((0, import_yaml.isScalar)(regionsPair.value) && regionsPair.value.value === "*")
          regions = ["*"];
        else if ((0, import_yaml.isSeq)(regionsPair.value)) {
          regions = regionsPair.value.items.map(
            (r) => (0, import_yaml.isScalar)(r) ? String(r.value) : ""
          );
          if (regions.length === 0 || regions.some((r) => !/^(\*|[a-z]{3})$/.test(r))) {
            error(
              `${key}.regions must list region codes like sjc or "*"`,
              regionsPair.value,
              `${key}.regions`
            );
          }
        } else
          error(
            `${key}.regions must be a list of region codes or "*"`,
            regionsPair.value,
            `${key}.regions`
          );
        const wave = { regions, gate: "none" };
        const name = w.get("name");
        if (name) {
          const v = scalar(name);
          if (v === void 0 || v === null || v === "")
            error(
              `${key}.name must be a text`,
              name.value ?? name.key,
              `${key}.name`
            );
          else wave.name = String(v);
        }
        wave.machines = positiveInt(w.get("machines"), `${key}.machines`);
        const fr = w.get("fraction");
        if (fr) {
          const f = rate(fr, `${key}.fraction`);
          if (f !== void 0 && f === 0)
            error(
              `${key}.fraction must be above 0`,
              fr.value,
              `${key}.fraction`
            );
          else wave.fraction = f;
        }
        if (wave.machines !== void 0 && wave.fraction !== void 0) {
          error(`${key} sets both machines and fraction; use one`, item, key);
        }
        wave.bakeMs = duration(w.get("bake"), `${key}.bake`);
        wave.maxBakeMs = duration(w.get("max-bake"), `${key}.max-bake`);
        if (wave.maxBakeMs !== void 0 && wave.bakeMs !== void 0 && wave.maxBakeMs < wave.bakeMs) {
          error(
            `${key}.max-bake must not be shorter than bake`,
            w.get("max-bake").value,
            `${key}.max-bake`
          );
        }
        wave.maxUnavailable = positiveInt(
          w.get("max-unavailable"),
          `${key}.max-unavailable`
        );
        wave.progressDeadlineMs = duration(
          w.get("progress-deadline"),
          `${key}.progress-deadline`
        );
        wave.gate = oneOf(w.get("gate"), `${key}.gate`, ["none", "manual"]) ?? "none";
        wave.onInconclusive = oneOf(
          w.get("on-inconclusive"),
          `${key}.on-inconclusive`,
          ["hold", "fail", "pass"]
        );
        spec.waves.push(wave);
      });
    }
  }
  const countsPair = top.get("counts");
  if (countsPair) {
    if (!(0, import_yaml.isMap)(countsPair.value))
      error(
        "counts must map regions to machine counts, like { sjc: 3, lhr: 2 }",
        countsPair.value ?? countsPair.key,
        "counts"
      );
    else {
      for (const pair of countsPair.value.items) {
        const k = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : "";
        if (k === "__proto__") {
          error(
            `counts: "${k}" is not a process group`,
            pair.key,
            `counts.${k}`
          );
        } else if ((0, import_yaml.isMap)(pair.value)) {
          const group = {};
          for (const inner of pair.value.items) {
            const r = (0, import_yaml.isScalar)(inner.key) ? String(inner.key.value) : "";
            const n = positiveInt(inner, `counts.${k}.${r}`, 0);
            if (!/^[a-z]{3}$/.test(r))
              error(
                `counts.${k}: "${r}" is not a region code`,
                inner.key,
                `counts.${k}.${r}`
              );
            else if (n !== void 0) group[r] = n;
          }
          spec.counts[k] = group;
        } else {
          const n = positiveInt(pair, `counts.${k}`, 0);
          if (!/^[a-z]{3}$/.test(k))
            error(
              `counts: "${k}" is not a region code (or give a process group a mapping of regions)`,
              pair.key,
              `counts.${k}`
            );
          else if (n !== void 0) (spec.counts["*"] ??= {})[k] = n;
        }
      }
    }
  }
  const probesPair = top.get("probes");
  if (probesPair) {
    if (!(0, import_yaml.isSeq)(probesPair.value))
      error(
        "probes must be a list of probes",
        probesPair.value ?? probesPair.key,
        "probes"
      );
    else {
      probesPair.value.items.forEach((item, i) => {
        const key = `probes[${i}]`;
        if (!(0, import_yaml.isMap)(item)) {
          error(`${key} must be a mapping with a path:`, item, key);
          return;
        }
        const p = keysOf(item, PROBE_KEYS, key);
        const pathPair = p.get("path");
        const path = pathPair ? scalar(pathPair) : void 0;
        if (typeof path !== "string" || !path.startsWith("/")) {
          error(
            `${key}.path must be a path starting with /`,
            pathPair?.value ?? item,
            `${key}.path`
          );
        }
        const maxErrorRate = rate(p.get("max-error-rate"), `${key}.max-error-rate`) ?? SPEC_DEFAULTS.maxErrorRate;
        const probe = {
          path: typeof path === "string" ? path : "/",
          method: oneOf(p.get("method"), `${key}.method`, ["GET", "HEAD"]) ?? "GET",
          intervalMs: duration(p.get("interval"), `${key}.interval`) ?? SPEC_DEFAULTS.probeIntervalMs,
          timeoutMs: duration(p.get("timeout"), `${key}.timeout`) ?? SPEC_DEFAULTS.probeTimeoutMs,
          headers: {},
          maxErrorRate,
          maxP95Ms: duration(p.get("max-p95"), `${key}.max-p95`),
          maxP99Ms: duration(p.get("max-p99"), `${key}.max-p99`),
          minSamples: positiveInt(p.get("min-samples"), `${key}.min-samples`) ?? Math.ceil(4.6 / Math.max(maxErrorRate, 1e-3))
        };
        if (probe.intervalMs < 50)
          error(
            `${key}.interval must be at least 50ms`,
            p.get("interval")?.value,
            `${key}.interval`
          );
        const expect = p.get("expect");
        if (expect) {
          const values = (0, import_yaml.isSeq)(expect.value) ? expect.value.items.map((x) => (0, import_yaml.isScalar)(x) ? x.value : void 0) : [scalar(expect)];
          if (values.some(
            (v) => typeof v !== "number" || !Number.isInteger(v) || v < 100 || v > 599
          )) {
            error(
              `${key}.expect must be an HTTP status or a list of them`,
              expect.value,
              `${key}.expect`
            );
          } else probe.expect = values;
        }
        const headers = p.get("headers");
        if (headers) {
          if (!(0, import_yaml.isMap)(headers.value))
            error(
              `${key}.headers must map header names to values`,
              headers.value,
              `${key}.headers`
            );
          else {
            for (const h of headers.value.items) {
              const name = (0, import_yaml.isScalar)(h.key) ? String(h.key.value) : "";
              if (!HEADER_NAME.test(name) || name === "__proto__") {
                error(
                  `${key}.headers: ${JSON.stringify(name)} is not a header name`,
                  h.key,
                  `${key}.headers.${name}`
                );
              } else if (/^fly-(force|prefer)-/i.test(name)) {
                error(
                  `${key}.headers: ${name} is set by fly-rollout itself (probes are pinned per machine)`,
                  h.key,
                  `${key}.headers.${name}`
                );
              } else
                probe.headers[name] = String(
                  (0, import_yaml.isScalar)(h.value) ? h.value.value : ""
                );
            }
          }
        }
        spec.probes.push(probe);
      });
    }
  }
  const cmp = top.get("compare");
  if (cmp) {
    if ((0, import_yaml.isScalar)(cmp.value) && typeof cmp.value.value === "boolean") {
      spec.compare.errors = spec.compare.latency = cmp.value.value;
    } else if ((0, import_yaml.isMap)(cmp.value)) {
      const c = keysOf(cmp.value, COMPARE_KEYS, "compare");
      spec.compare.errors = bool(c.get("errors"), "compare.errors") ?? true;
      spec.compare.latency = bool(c.get("latency"), "compare.latency") ?? true;
      spec.compare.absMargin = rate(c.get("abs-margin"), "compare.abs-margin") ?? spec.compare.absMargin;
      spec.compare.relMargin = ratio(c.get("rel-margin"), "compare.rel-margin") ?? spec.compare.relMargin;
      spec.compare.allowedIncrease = ratio(c.get("allowed-increase"), "compare.allowed-increase") ?? spec.compare.allowedIncrease;
      spec.compare.minLatencyDeltaMs = duration(c.get("min-latency-delta"), "compare.min-latency-delta") ?? spec.compare.minLatencyDeltaMs;
    } else
      error("compare must be true, false or a mapping", cmp.value, "compare");
  }
  const id = top.get("identity");
  if (id) {
    if ((0, import_yaml.isScalar)(id.value) && id.value.value === false) spec.identity = false;
    else if ((0, import_yaml.isMap)(id.value)) {
      const c = keysOf(id.value, IDENTITY_KEYS, "identity");
      const header = (name, fallback) => {
        const pair = c.get(name);
        if (!pair) return fallback;
        const v = scalar(pair);
        if (typeof v !== "string" || !HEADER_NAME.test(v)) {
          error(
            `identity.${name} must be a header name, like ${fallback}`,
            pair.value ?? pair.key,
            `identity.${name}`
          );
          return fallback;
        }
        return v.toLowerCase();
      };
      spec.identity = {
        machineHeader: header("machine-header", "x-fly-machine-id"),
        versionHeader: header("version-header", "x-fly-machine-version")
      };
    } else
      error(
        "identity must be false or a mapping with machine-header and version-header",
        id.value,
        "identity"
      );
  }
  return diagnostics.some((d) => d.severity === "error") ? { diagnostics } : { spec, diagnostics };
}

// src/core/sha256.ts
function sha256Hex(text) {
  const bytes = new TextEncoder().encode(text);
  const bitLen = bytes.length * 8;
  const padded = new Uint8Array(bytes.length + 9 + 63 >> 6 << 6);
  padded.set(bytes);
  padded[bytes.length] = 128;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLen / 2 ** 32));
  view.setUint32(padded.length - 4, bitLen >>> 0);
  const h = [
    1779033703,
    3144134277,
    1013904242,
    2773480762,
    1359893119,
    2600822924,
    528734635,
    1541459225
  ];
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a2 = w[i - 15];
      const b2 = w[i - 2];
      const s0 = rotr(a2, 7) ^ rotr(a2, 18) ^ a2 >>> 3;
      const s1 = rotr(b2, 17) ^ rotr(b2, 19) ^ b2 >>> 10;
      w[i] = w[i - 16] + s0 + w[i - 7] + s1 >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = e & f ^ ~e & g;
      const t1 = hh + S1 + ch + K[i] + w[i] >>> 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = a & b ^ a & c ^ b & c;
      const t2 = S0 + maj >>> 0;
      hh = g;
      g = f;
      f = e;
      e = d + t1 >>> 0;
      d = c;
      c = b;
      b = a;
      a = t1 + t2 >>> 0;
    }
    h[0] = h[0] + a >>> 0;
    h[1] = h[1] + b >>> 0;
    h[2] = h[2] + c >>> 0;
    h[3] = h[3] + d >>> 0;
    h[4] = h[4] + e >>> 0;
    h[5] = h[5] + f >>> 0;
    h[6] = h[6] + g >>> 0;
    h[7] = h[7] + hh >>> 0;
  }
  return h.map((x) => x.toString(16).padStart(8, "0")).join("");
}
function rotr(x, n) {
  return x >>> n | x << 32 - n;
}
var K = [
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
];

// src/core/normalize.ts
var OUR_PREFIX = "flyrollout_";
function normalizeConfig(config) {
  const out = dropNulls(config);
  if (out.metadata) {
    const meta = {};
    for (const [k, v] of Object.entries(out.metadata)) {
      if (!k.startsWith(OUR_PREFIX)) meta[k] = v;
    }
    if (Object.keys(meta).length) out.metadata = meta;
    else delete out.metadata;
  }
  if (Array.isArray(out.services)) {
    out.services = out.services.map((s) => {
      if (s?.autostop === false) return { ...s, autostop: "off" };
      if (s?.autostop === true) return { ...s, autostop: "stop" };
      return s;
    });
  }
  return out;
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.filter((k) => value[k] !== void 0).map(
      (k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`
    ).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
function configHash(config) {
  return sha256Hex(canonicalJson(normalizeConfig(config))).slice(0, 16);
}
function dropNulls(v) {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v && typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      if (x !== null && x !== void 0) out[k] = dropNulls(x);
    }
    return out;
  }
  return v;
}

// src/core/release.ts
function makeRelease(input) {
  const groups = input.groups ?? {};
  const id = sha256Hex(
    canonicalJson({
      image: input.image,
      groups: Object.fromEntries(
        Object.entries(groups).map(([g, c]) => [g, withoutMetadata(c)])
      ),
      releaseCommand: input.releaseCommand ? withoutMetadata(input.releaseCommand) : null
    })
  );
  return {
    image: input.image,
    digest: input.digest,
    groups,
    id,
    releaseCommand: input.releaseCommand
  };
}
function withoutMetadata(config) {
  const { metadata: _m, ...rest } = normalizeConfig(config);
  return rest;
}

// src/core/metadata.ts
var KEY = {
  id: `${OUR_PREFIX}id`,
  release: `${OUR_PREFIX}release`,
  prevVersion: `${OUR_PREFIX}prev_version`,
  prevHash: `${OUR_PREFIX}prev_hash`,
  prevState: `${OUR_PREFIX}prev_state`,
  targetHash: `${OUR_PREFIX}target_hash`,
  wave: `${OUR_PREFIX}wave`,
  created: `${OUR_PREFIX}created`,
  /** Rollout-level: `complete` on the anchor when the last wave passed; `rolling-back` on every touched machine once a rollback began. */
  status: `${OUR_PREFIX}status`,
  /** A label, not rollout state: `<owner/repo>#<pr>` on a preview app's machines, kept by every rollout. */
  preview: `${OUR_PREFIX}preview`
};
var LABELS = /* @__PURE__ */ new Set([KEY.preview]);
function updateMarks(m) {
  const out = {
    [KEY.id]: m.rolloutId,
    [KEY.release]: m.releaseId.slice(0, 16),
    [KEY.targetHash]: m.targetHash,
    [KEY.wave]: String(m.wave)
  };
  if (m.prev) {
    out[KEY.prevVersion] = m.prev.version;
    out[KEY.prevHash] = m.prev.hash;
    out[KEY.prevState] = m.prev.state;
  } else out[KEY.created] = "true";
  return out;
}
function readMarks(metadata) {
  const id = metadata?.[KEY.id];
  if (!metadata || !id) return void 0;
  const waveText = metadata[KEY.wave];
  const wave = waveText && /^\d+$/.test(waveText) ? Number(waveText) : NaN;
  const status = metadata[KEY.status];
  return {
    rolloutId: id,
    releaseId: metadata[KEY.release],
    prevVersion: metadata[KEY.prevVersion],
    prevHash: metadata[KEY.prevHash],
    prevState: metadata[KEY.prevState],
    targetHash: metadata[KEY.targetHash],
    wave: Number.isInteger(wave) ? wave : void 0,
    created: metadata[KEY.created] === "true",
    status: status === "complete" || status === "rolling-back" ? status : void 0
  };
}
function stripMarks(metadata) {
  const out = {};
  for (const [k, v] of Object.entries(metadata ?? {}))
    if (!k.startsWith(OUR_PREFIX) || LABELS.has(k)) out[k] = v;
  return out;
}
function leaseDescription(rolloutId) {
  return `fly-rollout ${rolloutId}`;
}
function rolloutOfLease(description) {
  const m = /^fly-rollout (\S+)$/.exec(description ?? "");
  return m?.[1];
}

// src/core/plan.ts
function planSteps(plan) {
  const out = [];
  for (const w of plan.waves) {
    for (const r of w.regions) for (const b of r.batches) out.push(...b);
  }
  out.push(...plan.cleanup);
  return out;
}
function isNoop(plan) {
  return planSteps(plan).every(
    (s) => s.action === "~" && !s.force && s.fromHash === s.toHash && s.fromImage === plan.digest
  );
}
function waveLabel(wave) {
  const n = `wave ${wave.index + 1}`;
  return wave.name === n ? n : `${n} (${wave.name})`;
}

// src/core/waves.ts
function takeCount(remaining, opts) {
  if (remaining <= 0) return 0;
  if (opts.machines !== void 0) return Math.min(remaining, opts.machines);
  if (opts.fraction !== void 0) {
    return Math.min(
      remaining,
      Math.max(1, Math.ceil(remaining * opts.fraction))
    );
  }
  return remaining;
}

// src/core/planner.ts
var RESERVED_GROUPS = /* @__PURE__ */ new Set(["fly_app_release_command", "fly_app_console"]);
var DEFAULT_BAKES = { canary: 12e4, primary: 6e4, rest: 0 };
var MAX_BASELINE = 3;
function planRollout(input) {
  const { snapshot, release, spec } = input;
  const diagnostics = [];
  const error = (summary, detail) => {
    diagnostics.push({ severity: "error", code: "plan", summary, detail });
  };
  const warn = (summary, detail) => {
    diagnostics.push({ severity: "warning", code: "plan", summary, detail });
  };
  const known = new Set(input.regions);
  const machines = snapshot.machines.filter(
    (m) => !RESERVED_GROUPS.has(m.group) && m.state !== "destroyed" && m.state !== "destroying"
  );
  const imageOnly = Object.keys(release.groups).length === 0;
  const groups = imageOnly ? [...new Set(machines.map((m) => m.group))].sort() : Object.keys(release.groups).sort();
  const primary = input.primaryRegion ?? mostCommon(
    machines.flatMap(
      (m) => m.config.env?.PRIMARY_REGION ? [m.config.env.PRIMARY_REGION] : []
    )
  ) ?? mostCommon(machines.map((m) => m.region)) ?? input.regions[0] ?? "iad";
  if (input.primaryRegion && !known.has(input.primaryRegion)) {
    error(`primary region "${input.primaryRegion}" is not a Fly region`);
  }
  const pools = /* @__PURE__ */ new Map();
  const poolOf = (region, group) => {
    const key = `${region}/${group}`;
    let p = pools.get(key);
    if (!p) {
      p = {
        region,
        group,
        remaining: [],
        started: 0,
        creates: 0,
        createReason: "count",
        hasVolumes: false
      };
      pools.set(key, p);
    }
    return p;
  };
  const cleanup = [];
  for (const m of machines) {
    if (!groups.includes(m.group)) {
      cleanup.push({
        action: "-",
        machineId: m.id,
        region: m.region,
        group: m.group,
        reason: "removed-group"
      });
      continue;
    }
    const p = poolOf(m.region, m.group);
    p.remaining.push(m);
    if (m.state === "started") p.started++;
    if (m.volumeIds.length) p.hasVolumes = true;
  }
  const removed = [...new Set(cleanup.map((c) => c.group))];
  if (removed.length) {
    warn(
      `process group${removed.length > 1 ? "s" : ""} ${removed.join(", ")} ${removed.length > 1 ? "are" : "is"} not in the release: ${cleanup.length} machine(s) will be destroyed after the last wave`
    );
  }
  for (const g of groups) {
    if (!machines.some((m) => m.group === g)) {
      const p = poolOf(primary, g);
      p.creates = 1;
      p.createReason = "group";
    }
  }
  for (const [scope, byRegion] of Object.entries(spec.counts)) {
    if (scope !== "*" && !groups.includes(scope)) {
      error(
        `counts names process group "${scope}", which the release does not have`,
        `groups: ${groups.join(", ")}`
      );
      continue;
    }
    for (const [region, want] of Object.entries(byRegion)) {
      if (!known.has(region)) {
        error(`counts names region "${region}", which is not a Fly region`);
        continue;
      }
      for (const g of scope === "*" ? groups : [scope]) {
        const p = poolOf(region, g);
        const have = p.remaining.length;
        if (want > have) {
          p.creates = want - have;
          p.createReason = p.createReason === "group" && have === 0 ? "group" : "count";
        } else {
          p.creates = 0;
          const order = [...p.remaining].sort(
            (a, b) => Number(a.state === "started") - Number(b.state === "started") || b.id.localeCompare(a.id)
          );
          for (const m of order.slice(0, have - want)) {
            cleanup.push({
              action: "-",
              machineId: m.id,
              region,
              group: g,
              reason: "surplus"
            });
            p.remaining = p.remaining.filter((x) => x !== m);
          }
        }
      }
    }
  }
  for (const p of pools.values()) p.remaining.sort(byStartedThenId);
  if (pools.size === 0 || [...pools.values()].every(
    (p) => p.remaining.length === 0 && p.creates === 0
  )) {
    error(
      `app ${snapshot.app} has no machines to roll out to`,
      "set counts: in the rollout spec to create some, e.g. counts: { " + primary + ": 2 }"
    );
  }
  const userWaves = spec.waves !== void 0;
  const waveSpecs = spec.waves ?? defaultWaves(primary, pools);
  for (const [i, w] of waveSpecs.entries()) {
    for (const r of w.regions) {
      if (r !== "*" && !known.has(r)) {
        error(
          `wave ${i + 1} (${w.name ?? "unnamed"}) lists region "${r}", which is not a Fly region`
        );
      }
    }
  }
  const targets = /* @__PURE__ */ new Map();
  const targetOf = (m) => {
    const key = `${m.group}\0${m.hash}`;
    let t = targets.get(key);
    if (!t) {
      const base = imageOnly ? { ...structuredClone(m.config), image: release.image } : structuredClone(release.groups[m.group]);
      base.metadata = metadataOf(m, base.metadata);
      if (base.mounts && m.config.mounts) {
        base.mounts = base.mounts.map((mount, i) => {
          const old = m.config.mounts.find((o) => o.path === mount.path) ?? m.config.mounts[i];
          return old?.volume ? { ...mount, volume: old.volume } : mount;
        });
      }
      const { metadata: _, ...body } = base;
      t = { body: deepFreeze(body), toHash: configHash(base) };
      targets.set(key, t);
    }
    return t;
  };
  const metadataOf = (m, template) => ({
    ...stripMarks(template),
    ...stripMarks(m.config.metadata),
    fly_platform_version: "v2",
    fly_process_group: m.group
  });
  const target = (m, wave) => {
    const { body, toHash } = targetOf(m);
    const own = imageOnly ? { ...structuredClone(m.config), image: release.image } : body;
    const metadata = metadataOf(
      m,
      imageOnly ? void 0 : release.groups[m.group].metadata
    );
    Object.assign(
      metadata,
      updateMarks({
        rolloutId: input.rolloutId,
        releaseId: release.id,
        targetHash: toHash,
        wave,
        prev: { version: m.version, hash: m.hash, state: m.state }
      })
    );
    const config = { ...own, metadata };
    return { config, toHash };
  };
  const createConfig = (group, region, wave) => {
    const template = imageOnly ? machines.find((m) => m.group === group)?.config : release.groups[group];
    const base = structuredClone(template ?? {});
    if (imageOnly) base.image = release.image;
    base.metadata = {
      ...stripMarks(base.metadata ?? {}),
      fly_platform_version: "v2",
      fly_process_group: group
    };
    const volumes = [];
    if (base.mounts?.length) {
      const sizeOf = machines.find(
        (m) => m.group === group && m.region === region
      );
      base.mounts = base.mounts.map((mount, i) => {
        volumes.push({
          name: mount.name ?? `data_${i}`,
          sizeGb: mount.size_gb ?? (sizeOf ? 1 : 1)
        });
        const { volume: _v, ...rest } = mount;
        return rest;
      });
    }
    const toHash = configHash(base);
    base.metadata = {
      ...base.metadata,
      ...updateMarks({
        rolloutId: input.rolloutId,
        releaseId: release.id,
        targetHash: toHash,
        wave
      })
    };
    return { config: base, toHash, volumes };
  };
  const waves = [];
  const doneRegions = /* @__PURE__ */ new Set();
  let createSeq = 0;
  for (const [i, w] of waveSpecs.entries()) {
    const index = waves.length;
    const isCanary = i === 0 && w.machines === 1 && waveSpecs.length > 1;
    const listed = w.regions.includes("*") ? [
      ...new Set(
        [...pools.values()].filter((p) => p.remaining.length || p.creates).map((p) => p.region)
      )
    ].sort(
      (a, b) => Number(b === primary) - Number(a === primary) || a.localeCompare(b)
    ) : w.regions.filter((r) => known.has(r));
    const regionPlans = [];
    const baseline = [];
    for (const region of listed) {
      const batches = [];
      const regionPools = [...pools.values()].filter((p) => p.region === region).sort((a, b) => a.group.localeCompare(b.group));
      const perGroup = [];
      for (const p of regionPools) {
        const gBatches = [];
        const n = takeCount(p.remaining.length, w);
        let taken = p.remaining.slice(0, n);
        const startedTaken = taken.filter((m) => m.state === "started");
        const othersTaken = taken.filter((m) => m.state !== "started");
        const mu = w.maxUnavailable ?? spec.maxUnavailable;
        if (isCanary && p.started === 1 && startedTaken.length === 1 && !p.surgeKey) {
          if (p.hasVolumes) {
            if (!spec.allowDowntime) {
              error(
                `${region}/${p.group} has one started machine with a volume: a canary would take it down`,
                "add a machine (counts:), or set allow-downtime: true"
              );
            }
          } else {
            const key = `canary-${region}-${p.group}`;
            const c = createConfig(p.group, region, index);
            gBatches.push([
              {
                action: "+",
                key,
                region,
                group: p.group,
                toHash: c.toHash,
                config: c.config,
                reason: "canary",
                volumes: []
              }
            ]);
            p.surgeKey = key;
            taken = [];
            for (const m of p.remaining.filter((m2) => m2.state === "started"))
              baseline.push(m.id);
          }
        }
        if (taken.length) {
          p.remaining = p.remaining.filter((m) => !taken.includes(m));
          const updates2 = (ms2) => ms2.map((m) => {
            const t = target(m, index);
            return {
              action: "~",
              machineId: m.id,
              region,
              group: p.group,
              fromVersion: m.version,
              fromState: m.state,
              fromHash: m.hash,
              fromImage: m.imageDigest,
              toHash: t.toHash,
              config: t.config,
              skipLaunch: m.state !== "started",
              ...input.force ? { force: true } : {}
            };
          });
          const lastStarted = startedTaken.length > 0 && p.started - startedTaken.length === 0;
          const soloPool = p.started === 1 && startedTaken.length === 1;
          if (soloPool && !p.surgeKey && !isCanary) {
            if (p.hasVolumes) {
              if (!spec.allowDowntime) {
                error(
                  `${region}/${p.group} has one started machine with a volume: updating it takes the region down`,
                  "add a machine (counts:), or set allow-downtime: true"
                );
              }
            } else {
              const key = `surge-${region}-${p.group}-${++createSeq}`;
              const c = createConfig(p.group, region, index);
              gBatches.push([
                {
                  action: "+",
                  key,
                  region,
                  group: p.group,
                  toHash: c.toHash,
                  config: c.config,
                  reason: "surge",
                  volumes: [],
                  retireAfterWave: index
                }
              ]);
            }
          } else if (lastStarted && p.surgeKey) {
            markRetire(waves, p.surgeKey, index);
          }
          const cap = Math.max(
            1,
            Math.min(mu, p.surgeKey ? p.started : p.started - 1)
          );
          const first = updates2(othersTaken);
          const sized = [];
          let rest = startedTaken;
          if (rest.length) {
            sized.push(rest.slice(0, 1));
            rest = rest.slice(1);
            while (rest.length) {
              sized.push(rest.slice(0, cap));
              rest = rest.slice(cap);
            }
          }
          sized.forEach(
            (ms2, j) => gBatches.push([...j === 0 ? first : [], ...updates2(ms2)])
          );
          if (!sized.length && first.length) gBatches.push(first);
          if (isCanary) {
            for (const m of p.remaining.filter((m2) => m2.state === "started"))
              baseline.push(m.id);
          }
        }
        const laterTouches = waveSpecs.slice(i + 1).some((lw) => lw.regions.includes(region) || lw.regions.includes("*"));
        if (p.creates > 0 && (p.remaining.length === 0 || !laterTouches) && !(isCanary && laterTouches)) {
          const batch = [];
          for (let k = 0; k < p.creates; k++) {
            const c = createConfig(p.group, region, index);
            batch.push({
              action: "+",
              key: `new-${region}-${p.group}-${++createSeq}`,
              region,
              group: p.group,
              toHash: c.toHash,
              config: c.config,
              reason: p.createReason,
              volumes: c.volumes
            });
          }
          gBatches.push(batch);
          p.creates = 0;
        }
        perGroup.push(gBatches);
      }
      const depth = Math.max(0, ...perGroup.map((g) => g.length));
      for (let b = 0; b < depth; b++) {
        const batch = perGroup.flatMap((g) => g[b] ?? []);
        if (batch.length) batches.push(batch);
      }
      if (batches.length) regionPlans.push({ region, batches });
      if ([...pools.values()].filter((p) => p.region === region).every((p) => p.remaining.length === 0 && p.creates === 0)) {
        doneRegions.add(region);
      }
    }
    const name = w.name ?? (isCanary ? "canary" : `wave ${index + 1}`);
    if (regionPlans.length === 0) {
      if (userWaves) {
        const why = w.regions.filter((r) => r !== "*" && doneRegions.has(r));
        error(
          `${waveLabel({ index: i, name })} has no machines`,
          why.length ? `earlier waves already took every machine of ${why.join(", ")}` : "its regions have no machines of the app"
        );
      }
      continue;
    }
    waves.push({
      index,
      name,
      regions: regionPlans,
      bakeMs: w.bakeMs ?? (isCanary ? DEFAULT_BAKES.canary : userWaves ? DEFAULT_BAKES.primary : defaultBake(w)),
      maxBakeMs: w.maxBakeMs ?? 3 * (w.bakeMs ?? (isCanary ? DEFAULT_BAKES.canary : DEFAULT_BAKES.primary)),
      progressDeadlineMs: w.progressDeadlineMs ?? spec.progressDeadlineMs,
      gate: w.gate,
      onInconclusive: w.onInconclusive ?? spec.onInconclusive,
      baseline: [...new Set(baseline)].sort().slice(0, MAX_BASELINE),
      guard: waves.flatMap(
        (pw) => pw.regions.flatMap(
          (r) => r.batches.flat().flatMap((s) => s.action === "~" ? [s.machineId] : [])
        )
      )
    });
  }
  const left = [...pools.values()].filter((p) => p.remaining.length > 0);
  for (const p of left) {
    error(
      `${p.remaining.length} machine(s) of ${p.region}/${p.group} are in no wave and would stay on the old release`,
      `add a wave with regions: [${p.region}] or ["*"]`
    );
  }
  for (const p of pools.values()) {
    if (p.creates > 0)
      error(
        `${p.region}/${p.group} needs ${p.creates} new machine(s) but no wave covers ${p.region}`
      );
  }
  const updates = waves.flatMap((w) => w.regions.flatMap((r) => r.batches.flat())).filter((s) => s.action === "~");
  const anchor = updates.map((s) => s.machineId).sort()[0];
  if (!spec.probes.length) {
    warn(
      "no probes configured: waves are judged on machine checks and events only",
      "add probes: with a path that answers on every machine"
    );
  }
  return {
    id: input.rolloutId,
    app: snapshot.app,
    releaseId: release.id,
    image: release.image,
    digest: release.digest,
    primaryRegion: primary,
    s0: snapshot.machines,
    waves,
    cleanup: cleanup.sort((a, b) => a.machineId.localeCompare(b.machineId)),
    anchor,
    releaseCommand: release.releaseCommand,
    diagnostics
  };
}
function defaultWaves(primary, pools) {
  const regions = new Set([...pools.values()].map((p) => p.region));
  const out = [
    {
      name: "canary",
      regions: [primary],
      machines: 1,
      gate: "none",
      bakeMs: DEFAULT_BAKES.canary
    },
    {
      name: primary,
      regions: [primary],
      gate: "none",
      bakeMs: DEFAULT_BAKES.primary
    }
  ];
  if ([...regions].some((r) => r !== primary)) {
    out.push({
      name: "everywhere else",
      regions: ["*"],
      gate: "none",
      bakeMs: DEFAULT_BAKES.rest
    });
  }
  return out;
}
function defaultBake(w) {
  return w.regions.includes("*") ? DEFAULT_BAKES.rest : DEFAULT_BAKES.primary;
}
function markRetire(waves, key, wave) {
  for (const w of waves) {
    for (const r of w.regions) {
      for (const b of r.batches) {
        for (const s of b)
          if (s.action === "+" && s.key === key) s.retireAfterWave = wave;
      }
    }
  }
}
function byStartedThenId(a, b) {
  return Number(b.state === "started") - Number(a.state === "started") || a.id.localeCompare(b.id);
}
function mostCommon(values) {
  const count = /* @__PURE__ */ new Map();
  for (const v of values) count.set(v, (count.get(v) ?? 0) + 1);
  return [...count.entries()].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0])
  )[0]?.[0];
}
function inFlightRollouts(machines) {
  const by = /* @__PURE__ */ new Map();
  for (const m of machines) {
    const marks = readMarks(m.config.metadata);
    if (!marks) continue;
    const e = by.get(marks.rolloutId) ?? {
      machines: [],
      complete: false,
      rollingBack: false
    };
    e.machines.push(m.id);
    if (marks.status === "complete") e.complete = true;
    if (marks.status === "rolling-back") e.rollingBack = true;
    by.set(marks.rolloutId, e);
  }
  const newest = [...by.keys()].sort().at(-1);
  return [...by.entries()].filter(([id, e]) => id === newest && (!e.complete || e.rollingBack)).map(([rolloutId, e]) => ({
    rolloutId,
    machines: e.machines.sort(),
    rollingBack: e.rollingBack
  }));
}
function deepFreeze(v) {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

// src/core/render.ts
var short = (digest) => digest.replace(/^sha256:/, "").slice(0, 12);
function configChanges(from, to) {
  const out = [];
  const keys = /* @__PURE__ */ new Set([...Object.keys(from), ...Object.keys(to)]);
  for (const k of [...keys].sort()) {
    if (k === "metadata") continue;
    const a = from[k];
    const b = to[k];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (k === "image") out.push(`image ${imageName(a)} \u2192 ${imageName(b)}`);
    else if (k === "env" && isRecord(a) && isRecord(b)) {
      const marks = [
        ...Object.keys(b).filter((x) => !(x in a)).map((x) => `+${x}`),
        ...Object.keys(a).filter((x) => !(x in b)).map((x) => `-${x}`),
        ...Object.keys(b).filter((x) => x in a && a[x] !== b[x]).map((x) => `~${x}`)
      ];
      out.push(`env ${marks.join(" ")}`);
    } else if (a === void 0) out.push(`+${k}`);
    else if (b === void 0) out.push(`-${k}`);
    else out.push(k);
  }
  return out;
}
function imageName(v) {
  const s = String(v ?? "");
  const d = /@(sha256:[a-f0-9]+)/.exec(s);
  return d ? short(d[1]) : s;
}
function isRecord(v) {
  return Boolean(v) && typeof v === "object" && !Array.isArray(v);
}
function planCounts(plan) {
  let update = 0;
  let create = 0;
  let unchanged = 0;
  for (const w of plan.waves) {
    for (const r of w.regions) {
      for (const s of r.batches.flat()) {
        if (s.action === "+") create++;
        else if (s.fromHash === s.toHash && s.fromImage === plan.digest)
          unchanged++;
        else update++;
      }
    }
  }
  return { update, create, destroy: plan.cleanup.length, unchanged };
}
function renderPlanText(plan) {
  const lines = [];
  const s0 = new Map(plan.s0.map((m) => [m.id, m]));
  lines.push(
    `fly-rollout plan for ${plan.app}: release ${plan.releaseId.slice(0, 12)}, image ${plan.image}`
  );
  lines.push(
    `rollout ${plan.id}${plan.anchor ? `, lock on ${plan.anchor}` : ""}`
  );
  if (plan.releaseCommand)
    lines.push(
      "",
      `  \u25B6 release_command runs once on the new image before wave 1 (its effects are not rolled back)`
    );
  for (const w of plan.waves) {
    lines.push("");
    const extra = [
      w.bakeMs ? `bake ${formatDuration(w.bakeMs)} (up to ${formatDuration(w.maxBakeMs)})` : "checks only",
      w.baseline.length ? `baseline ${w.baseline.join(", ")}` : "",
      w.gate === "manual" ? "manual approval" : ""
    ].filter(Boolean);
    lines.push(
      `Wave ${w.index + 1} \xB7 ${w.name} \xB7 ${w.regions.map((r) => r.region).join(", ")} \xB7 ${extra.join(" \xB7 ")}`
    );
    for (const r of w.regions) {
      r.batches.forEach((batch, i) => {
        const prefix = r.batches.length > 1 ? `  ${r.region} batch ${i + 1}` : `  ${r.region}`;
        lines.push(prefix);
        for (const s of batch)
          lines.push(
            `    ${stepLine(s, s0.get(s.action === "~" ? s.machineId : "")?.config, plan.digest)}`
          );
      });
    }
  }
  if (plan.cleanup.length) {
    lines.push("", "After the last wave");
    for (const d of plan.cleanup)
      lines.push(
        `    - destroy ${d.machineId}  ${d.region}  ${d.group}  (${d.reason})`
      );
  }
  const c = planCounts(plan);
  lines.push(
    "",
    `Plan: ${c.update} to update, ${c.create} to create, ${c.destroy} to destroy${c.unchanged ? `, ${c.unchanged} unchanged` : ""}.`
  );
  for (const d of plan.diagnostics) lines.push(formatDiagnostic(d));
  return lines.join("\n") + "\n";
}
function stepLine(s, before, digest) {
  if (s.action === "+") {
    const why = {
      count: "counts",
      surge: "surge: keeps the region serving",
      canary: "surge canary",
      group: "new process group"
    }[s.reason];
    return `+ create  ${s.region}  ${s.group}  (${why}${s.retireAfterWave !== void 0 ? `, destroyed after wave ${s.retireAfterWave + 1}` : ""})`;
  }
  if (s.fromHash === s.toHash && s.fromImage === digest)
    return `= ${s.machineId}  ${s.region}  ${s.group}  unchanged`;
  const changes = before ? configChanges(before, s.config) : [];
  return `~ update  ${s.machineId}  ${s.region}  ${s.group}${s.skipLaunch ? `  (${s.fromState}, stays ${s.fromState})` : ""}  ${changes.join(", ")}`;
}

// src/orchestrator/run-rollout.ts
import { setMaxListeners as setMaxListeners2 } from "node:events";

// src/core/errors.ts
var FlyRolloutError = class extends Error {
  constructor(message, options) {
    super(message, options);
    Object.defineProperty(this, "name", {
      value: new.target.name,
      enumerable: false,
      configurable: true,
      writable: true
    });
  }
  /** True when the same call may succeed if repeated unchanged. */
  get retryable() {
    return false;
  }
  /**
   * toJSON serializes the name, code, message and the context fields. The
   * `cause` is left out: it is another error whose text we do not control.
   */
  toJSON() {
    const out = {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable
    };
    for (const [k, v] of Object.entries(this)) {
      if (k !== "cause" && !(k in out)) out[k] = v;
    }
    return out;
  }
};
var FlyApiError = class extends FlyRolloutError {
  constructor(status, method, path, flyStatus, message, options) {
    super(message, options);
    this.status = status;
    this.method = method;
    this.path = path;
    this.flyStatus = flyStatus;
  }
  status;
  method;
  path;
  flyStatus;
  code = "fly-api";
  /** 0 (no answer), 429 and 5xx may succeed when repeated. */
  get retryable() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
};
var LeaseConflictError = class extends FlyApiError {
  constructor(method, path, message, holder = {}, options) {
    super(409, method, path, void 0, message, options);
    this.holder = holder;
  }
  holder;
  code = "lease-conflict";
  get retryable() {
    return false;
  }
};
var RateLimitedError = class extends FlyApiError {
  code = "rate-limited";
  constructor(method, path, message, options) {
    super(429, method, path, void 0, message, options);
  }
  get retryable() {
    return true;
  }
};
var AppNameTakenError = class extends FlyApiError {
  constructor(app, method, path, message, options) {
    super(422, method, path, "name_taken", message, options);
    this.app = app;
  }
  app;
};
var InputError = class extends FlyRolloutError {
  constructor(problems, options) {
    super(
      problems.length === 1 ? `invalid input: ${problems[0]}` : `invalid input (${problems.length} problems): ${problems.join("; ")}`,
      options
    );
    this.problems = problems;
  }
  problems;
  code = "input";
};
var PlanError = class extends FlyRolloutError {
  constructor(diagnostics, options) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const shown = errors.length > 0 ? errors : diagnostics;
    super(
      `the plan has ${errors.length} error${errors.length === 1 ? "" : "s"}: ` + shown.map(formatDiagnostic).join("; "),
      options
    );
    this.diagnostics = diagnostics;
  }
  diagnostics;
  code = "plan";
};
var StateConflictError = class extends FlyRolloutError {
  constructor(message, details = {}, options) {
    super(message, options);
    this.details = details;
  }
  details;
  code = "state-conflict";
};
var REDACTED = "[REDACTED]";
function redactText(text, secrets) {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue;
    for (const form of /* @__PURE__ */ new Set([
      s,
      encodeURIComponent(s),
      JSON.stringify(s).slice(1, -1)
    ])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out;
}
function errorMessage(err) {
  let msg;
  if (err instanceof Error) msg = err.message;
  else if (typeof err === "string") msg = err;
  else if (err && typeof err === "object" && typeof err.message === "string") {
    msg = err.message;
  } else if (err === void 0 || err === null) msg = "";
  else {
    try {
      msg = JSON.stringify(err) ?? String(err);
    } catch {
      msg = String(err);
    }
  }
  msg = msg.trim().replace(/^error:\s*/i, "");
  if (!msg) {
    return err instanceof Error && err.name !== "Error" ? err.name : "unknown error";
  }
  const second = msg[1];
  if (!second || second === second.toLowerCase()) {
    msg = msg[0].toLowerCase() + msg.slice(1);
  }
  return msg;
}

// src/orchestrator/destroy.ts
async function destroyMachine(ports, app, id, nonce) {
  await ports.machines.destroy(app, id, { force: true }, nonce);
  await ports.machines.waitFor(app, id, { states: ["destroyed"], timeoutS: 60 }).catch(() => void 0);
}

// src/orchestrator/bake.ts
import { setMaxListeners } from "node:events";

// src/core/stats.ts
var SQRT_PI = 1.772453850905516;
var SQRT2 = 1.4142135623730951;
var LN_2PI = 1.8378770664093456;
function expMinusSquare(x) {
  const s = Math.floor(x * 16) / 16;
  return Math.exp(-s * s) * Math.exp(-(x - s) * (x + s));
}
function erfc(x) {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 1.5) {
    if (x === 0) return 1;
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= 2 * x2 / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - 2 / SQRT_PI * Math.exp(-x2) * sum;
  }
  if (x > 27.3) return 0;
  let f = x;
  let c = x;
  let d = 0;
  for (let i = 1; i < 500; i++) {
    const a = i / 2;
    d = 1 / (x + a * d);
    c = x + a / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return expMinusSquare(x) / SQRT_PI / f;
}
function normalCdf(x) {
  return 0.5 * erfc(-x / SQRT2);
}
function normalQuantile(p) {
  if (Number.isNaN(p) || p < 0 || p > 1) {
    throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r2 = 0.180625 - q * q;
    const num = (((((((2509.0809287301227 * r2 + 33430.57558358813) * r2 + 67265.7709270087) * r2 + 45921.95393154987) * r2 + 13731.69376550946) * r2 + 1971.5909503065513) * r2 + 133.14166789178438) * r2 + 3.3871328727963665) * q;
    const den = ((((((5226.495278852854 * r2 + 28729.085735721943) * r2 + 39307.89580009271) * r2 + 21213.794301586597) * r2 + 5394.196021424751) * r2 + 687.1870074920579) * r2 + 42.31333070160091) * r2 + 1;
    return num / den;
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x;
  if (r <= 5) {
    r -= 1.6;
    const num = ((((((7745450142783414e-19 * r + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r + 3.6478483247632045) * r + 5.769497221460691) * r + 4.630337846156546) * r + 1.4234371107496835;
    const den = ((((((10507500716444169e-25 * r + 5475938084995345e-19) * r + 0.015198666563616457) * r + 0.14810397642748008) * r + 0.6897673349851) * r + 1.6763848301838038) * r + 2.053191626637759) * r + 1;
    x = num / den;
  } else {
    r -= 5;
    const num = ((((((20103343992922881e-23 * r + 27115555687434876e-21) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r + 0.29656057182850487) * r + 1.7848265399172913) * r + 5.463784911164114) * r + 6.657904643501103;
    const den = ((((((20442631033899397e-31 * r + 1421511758316446e-22) * r + 18463183175100548e-21) * r + 7868691311456133e-19) * r + 0.014875361290850615) * r + 0.1369298809227358) * r + 0.599832206555888) * r + 1;
    x = num / den;
  }
  return q < 0 ? -x : x;
}
function zUpper(alpha) {
  return -normalQuantile(alpha);
}
function checkCount(name, k) {
  if (!Number.isInteger(k) || k < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${k}`);
  }
}
function checkProbability(name, p) {
  if (Number.isNaN(p) || p < 0 || p > 1) {
    throw new RangeError(`${name} must be in [0, 1], got ${p}`);
  }
}
var STIRLERR_SMALL = [
  0,
  0.08106146679532726,
  0.0413406959554093,
  0.02767792568499834,
  0.020790672103765093,
  0.016644691189821193,
  0.013876128823070748,
  0.01189670994589177,
  0.010411265261972096,
  0.009255462182712733,
  0.00833056343336287,
  0.007573675487951841,
  0.00694284010720953,
  0.006408994188004207,
  0.0059513701127588475,
  0.005554733551962801
];
function stirlerr(n) {
  if (n <= 15) return STIRLERR_SMALL[n];
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  const nn = n * n;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}
function bd0(x, m) {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1e3; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}
function logBinomialPmf(k, n, p) {
  checkCount("n", n);
  checkProbability("p", p);
  if (!Number.isInteger(k) || k < 0 || k > n) return -Infinity;
  const q = 1 - p;
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (q === 0) return k === n ? 0 : -Infinity;
  if (k === 0) {
    if (n === 0) return 0;
    return p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
  }
  if (k === n) {
    return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  }
  const lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return lc - 0.5 * lf;
}
function binomialSumUp(k, n, p) {
  const first = logBinomialPmf(k, n, p);
  if (first === -Infinity) return 0;
  const odds = p / (1 - p);
  let term = 1;
  let sum = 1;
  for (let j = k; j < n; j++) {
    term *= (n - j) / (j + 1) * odds;
    sum += term;
    if (term <= sum * 1e-17) break;
  }
  return Math.exp(first + Math.log(sum));
}
function binomialSumDown(k, n, p) {
  const first = logBinomialPmf(k, n, p);
  if (first === -Infinity) return 0;
  const odds = (1 - p) / p;
  let term = 1;
  let sum = 1;
  for (let j = k; j > 0; j--) {
    term *= j / (n - j + 1) * odds;
    sum += term;
    if (term <= sum * 1e-17) break;
  }
  return Math.exp(first + Math.log(sum));
}
function clamp01(x) {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
function binomialTail(k, n, p) {
  checkCount("n", n);
  checkProbability("p", p);
  const kk = Math.ceil(k);
  if (kk <= 0) return 1;
  if (kk > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  if (kk > n * p) return clamp01(binomialSumUp(kk, n, p));
  return clamp01(1 - binomialSumDown(kk - 1, n, p));
}
function binomialCdf(k, n, p) {
  checkCount("n", n);
  checkProbability("p", p);
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (kk >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  if (kk < n * p) return clamp01(binomialSumDown(kk, n, p));
  return clamp01(1 - binomialSumUp(kk + 1, n, p));
}
function checkConfidence(confidence) {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
}
function checkSuccesses(successes, n) {
  checkCount("n", n);
  checkCount("successes", successes);
  if (successes > n) {
    throw new RangeError(`successes (${successes}) must not exceed n (${n})`);
  }
}
function solveIncreasing(f, target, lo, hi) {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (f(mid) < target) lo = mid;
    else hi = mid;
    if (hi - lo <= 1e-15 * hi) break;
  }
  return (lo + hi) / 2;
}
function clopperPearsonUpper(successes, n, confidence) {
  checkSuccesses(successes, n);
  checkConfidence(confidence);
  if (n === 0 || successes === n) return 1;
  const alpha = 1 - confidence;
  if (successes === 0) return -Math.expm1(Math.log1p(-confidence) / n);
  return solveIncreasing(
    (p) => -binomialCdf(successes, n, p),
    -alpha,
    successes / n,
    1
  );
}
function clopperPearsonLower(successes, n, confidence) {
  checkSuccesses(successes, n);
  checkConfidence(confidence);
  if (successes === 0) return 0;
  const alpha = 1 - confidence;
  if (successes === n) return Math.exp(Math.log1p(-confidence) / n);
  return solveIncreasing(
    (p) => binomialTail(successes, n, p),
    alpha,
    0,
    successes / n
  );
}
function hyperSum(x, bigN, bigK, draws, direction) {
  const p = draws / bigN;
  const first = logBinomialPmf(x, bigK, p) + logBinomialPmf(draws - x, bigN - bigK, p) - logBinomialPmf(draws, bigN, p);
  if (first === -Infinity) return 0;
  const lo = Math.max(0, draws - (bigN - bigK));
  const hi = Math.min(bigK, draws);
  let term = 1;
  let sum = 1;
  if (direction === 1) {
    for (let j = x; j < hi; j++) {
      term *= (bigK - j) * (draws - j) / ((j + 1) * (bigN - bigK - draws + j + 1));
      sum += term;
      if (term <= sum * 1e-17) break;
    }
  } else {
    for (let j = x; j > lo; j--) {
      term *= j * (bigN - bigK - draws + j) / ((bigK - j + 1) * (draws - j + 1));
      sum += term;
      if (term <= sum * 1e-17) break;
    }
  }
  return Math.exp(first + Math.log(sum));
}
function fisherExactGreater(a, b, c, d) {
  for (const [name, v] of [
    ["a", a],
    ["b", b],
    ["c", c],
    ["d", d]
  ]) {
    checkCount(name, v);
  }
  const bigN = a + b + c + d;
  const bigK = a + c;
  const draws = a + b;
  if (bigN === 0 || draws === 0 || draws === bigN) return 1;
  if (bigK === 0 || bigK === bigN) return 1;
  const lo = Math.max(0, draws - (bigN - bigK));
  if (a <= lo) return 1;
  const mean = draws * bigK / bigN;
  if (a > mean) return clamp01(hyperSum(a, bigN, bigK, draws, 1));
  return clamp01(1 - hyperSum(a - 1, bigN, bigK, draws, -1));
}
function twoProportionZ(x1, n1, x2, n2) {
  checkSuccesses(x1, n1);
  checkSuccesses(x2, n2);
  if (n1 === 0 || n2 === 0) return { z: 0, pValue: 1 };
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return { z: 0, pValue: 1 };
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return { z, pValue: normalCdf(-z) };
}
var MANN_WHITNEY_EXACT_MAX = 20;
function mannWhitneyU(xs, ys) {
  const n1 = xs.length;
  const n2 = ys.length;
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0, pValue: 1, method: "none" };
  const total = n1 + n2;
  const all = [];
  for (const v of xs) all.push({ v, x: true });
  for (const v of ys) all.push({ v, x: false });
  all.sort((p, q) => p.v - q.v);
  const doubledRanks = new Array(total);
  let rankSum2 = 0;
  let tieTerm = 0;
  for (let i = 0; i < total; ) {
    let j = i + 1;
    while (j < total && all[j].v === all[i].v) j++;
    const t = j - i;
    tieTerm += t * t * t - t;
    for (let k = i; k < j; k++) {
      doubledRanks[k] = i + 1 + j;
      if (all[k].x) rankSum2 += i + 1 + j;
    }
    i = j;
  }
  const u = rankSum2 / 2 - n1 * (n1 + 1) / 2;
  const mean = n1 * n2 / 2;
  const variance = n1 * n2 / 12 * (total + 1 - tieTerm / (total * (total - 1)));
  const z = variance > 0 ? (u - mean - 0.5) / Math.sqrt(variance) : 0;
  if (n1 <= MANN_WHITNEY_EXACT_MAX && n2 <= MANN_WHITNEY_EXACT_MAX) {
    return {
      u,
      z,
      pValue: exactRankSumTail(doubledRanks, n1, rankSum2),
      method: "exact"
    };
  }
  return {
    u,
    z,
    pValue: variance > 0 ? normalCdf(-z) : 1,
    method: "normal"
  };
}
function exactRankSumTail(doubledRanks, n1, observed) {
  let maxSum = 0;
  for (const r of doubledRanks) maxSum += r;
  const width = maxSum + 1;
  const counts = new Float64Array((n1 + 1) * width);
  counts[0] = 1;
  let seen = 0;
  for (const r of doubledRanks) {
    seen++;
    for (let j = Math.min(seen, n1); j >= 1; j--) {
      const row2 = j * width;
      const prev = (j - 1) * width;
      for (let s = maxSum - r; s >= 0; s--) {
        const c = counts[prev + s];
        if (c !== 0) counts[row2 + s + r] += c;
      }
    }
  }
  let all = 0;
  let tail = 0;
  const row = n1 * width;
  for (let s = 0; s < width; s++) {
    const c = counts[row + s];
    all += c;
    if (s >= observed) tail += c;
  }
  return tail / all;
}
function checkSorted(sorted) {
  for (let i = 1; i < sorted.length; i++) {
    if (!(sorted[i - 1] <= sorted[i])) {
      throw new RangeError("quantile: samples must be sorted ascending");
    }
  }
}
function checkQ(q) {
  if (!(q >= 0 && q <= 1)) {
    throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  }
}
function quantile(sorted, q) {
  checkQ(q);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const x = sorted[lo];
  if (lo + 1 >= n) return x;
  return x + (h - lo) * (sorted[lo + 1] - x);
}
function quantileBounds(sorted, q, confidence) {
  checkQ(q);
  checkConfidence(confidence);
  checkSorted(sorted);
  const n = sorted.length;
  let lowerRank = 0;
  if (n > 0 && binomialTail(1, n, q) >= confidence) {
    let lo = 1;
    let hi = n;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (binomialTail(mid, n, q) >= confidence) lo = mid;
      else hi = mid - 1;
    }
    lowerRank = lo;
  }
  let upperRank = n + 1;
  if (n > 0 && binomialCdf(n - 1, n, q) >= confidence) {
    let lo = 1;
    let hi = n;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (binomialCdf(mid - 1, n, q) >= confidence) hi = mid;
      else lo = mid + 1;
    }
    upperRank = lo;
  }
  return {
    lower: lowerRank === 0 ? -Infinity : sorted[lowerRank - 1],
    upper: upperRank === n + 1 ? Infinity : sorted[upperRank - 1],
    lowerRank,
    upperRank
  };
}
function checkSampleSizeArgs(p0, p1, alpha, power) {
  checkProbability("p0", p0);
  checkProbability("p1", p1);
  if (p0 === p1) throw new RangeError("sample size: p0 and p1 must differ");
  if (!(alpha > 0 && alpha < 1))
    throw new RangeError(`alpha out of (0, 1): ${alpha}`);
  if (!(power > 0 && power < 1))
    throw new RangeError(`power out of (0, 1): ${power}`);
}
function sampleSizeOneProportion(p0, p1, alpha, power) {
  checkSampleSizeArgs(p0, p1, alpha, power);
  const za = zUpper(alpha);
  const zb = zUpper(1 - power);
  const root = za * Math.sqrt(p0 * (1 - p0)) + zb * Math.sqrt(p1 * (1 - p1));
  return Math.ceil(root * root / ((p1 - p0) * (p1 - p0)));
}

// src/core/verdict.ts
var DEFAULT_ALPHA = 0.01;
var DEFAULT_ABS_MARGIN = 5e-3;
var DEFAULT_REL_MARGIN = 2;
var BASELINE_RATE_FLOOR = 1e-3;
var DEFAULT_ALLOWED_INCREASE = 1.1;
var P99_MIN_SAMPLES = 1e3;
var NO_DATA_FAIL_MS = 5 * 6e4;
var DEFAULT_COMPARE_LATENCY_MIN_SAMPLES = sampleSizeOneProportion(
  0.05,
  0.1,
  0.01,
  0.8
);
function sig(v, digits = 3) {
  if (Number.isNaN(v)) return "n/a";
  if (!Number.isFinite(v)) return v > 0 ? "\u221E" : "-\u221E";
  if (v === 0) return "0";
  return String(Number(v.toPrecision(digits)));
}
function pct(rate) {
  return `${sig(rate * 100)}%`;
}
function ms(v) {
  return Number.isFinite(v) ? `${sig(v, 4)}ms` : sig(v);
}
function digitsApart(v, ref, min) {
  let d = min;
  while (d < 8 && v !== ref && sig(v, d) === sig(ref, d)) d++;
  return d;
}
function pctVs(rate, ref) {
  return `${sig(rate * 100, digitsApart(rate * 100, ref * 100, 3))}%`;
}
function msVs(v, ref) {
  return Number.isFinite(v) ? `${sig(v, digitsApart(v, ref, 4))}ms` : sig(v);
}
function pLabel(q) {
  return `p${sig(q * 100, 4)}`;
}
function checkAlpha(alpha) {
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  }
}
function sortFinite(samples) {
  return samples.filter((v) => !Number.isNaN(v)).sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
}
function defaultMinSamples(maxRate) {
  if (!(maxRate > 0)) return Infinity;
  return Math.max(1, Math.ceil(4.6 / maxRate - 1e-9));
}
function judgeErrorRateThreshold(input) {
  const { errors, n, maxRate } = input;
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  const minSamples = input.minSamples ?? defaultMinSamples(maxRate);
  checkAlpha(alpha);
  const confidence = 1 - alpha;
  const lower = clopperPearsonLower(errors, n, confidence);
  const upper = clopperPearsonUpper(errors, n, confidence);
  const rate = n > 0 ? errors / n : 0;
  const figures = {
    errors,
    n,
    rate,
    lower,
    upper,
    maxRate,
    alpha,
    minSamples
  };
  const at = `\u03B1=${sig(alpha)}`;
  if (n === 0) {
    return {
      verdict: "inconclusive",
      reason: `no data yet: 0 samples against max error rate ${pct(maxRate)}`,
      figures
    };
  }
  const head = `error rate ${pct(rate)} (${errors}/${n})`;
  if (lower > maxRate) {
    return {
      verdict: "fail",
      reason: `${head} is above ${pct(maxRate)}: lower bound ${pctVs(lower, maxRate)} at ${at}`,
      figures
    };
  }
  if (upper < maxRate && n >= minSamples) {
    return {
      verdict: "pass",
      reason: `${head} is below ${pct(maxRate)}: upper bound ${pctVs(upper, maxRate)} at ${at}`,
      figures
    };
  }
  const bound = `upper bound ${pctVs(upper, maxRate)} at ${at}`;
  const why = n >= minSamples ? bound : upper < maxRate ? `${bound} but only ${n} of ${minSamples} samples` : `${bound}, ${n} of ${minSamples} samples`;
  return {
    verdict: "inconclusive",
    reason: `${head} not yet shown below ${pct(maxRate)}: ${why}`,
    figures
  };
}
function judgeLatencyThreshold(input) {
  const { q, maxMs } = input;
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  const minSamples = input.minSamples ?? defaultMinSamples(1 - q);
  checkAlpha(alpha);
  const sorted = sortFinite(input.samplesMs);
  const n = sorted.length;
  const label = pLabel(q);
  const bounds = quantileBounds(sorted, q, 1 - alpha);
  const estimate = quantile(sorted, q);
  const figures = {
    n,
    q,
    estimateMs: n > 0 ? estimate : null,
    lowerMs: bounds.lowerRank > 0 ? bounds.lower : null,
    upperMs: bounds.upperRank <= n ? bounds.upper : null,
    maxMs,
    alpha,
    minSamples
  };
  const at = `\u03B1=${sig(alpha)}`;
  if (n === 0) {
    return {
      verdict: "inconclusive",
      reason: `no data yet: 0 samples against ${label} \u2264 ${ms(maxMs)}`,
      figures
    };
  }
  const head = `${label} ${ms(estimate)} (n=${n})`;
  if (bounds.lower > maxMs) {
    return {
      verdict: "fail",
      reason: `${head} is above ${ms(maxMs)}: lower bound ${msVs(bounds.lower, maxMs)} at ${at}`,
      figures
    };
  }
  if (bounds.upper < maxMs && n >= minSamples) {
    return {
      verdict: "pass",
      reason: `${head} is below ${ms(maxMs)}: upper bound ${msVs(bounds.upper, maxMs)} at ${at}`,
      figures
    };
  }
  let why;
  if (figures.upperMs === null) {
    const needed = Math.ceil(Math.log(alpha) / Math.log(q));
    why = `no upper bound at ${at} before ${needed} samples`;
  } else if (bounds.upper < maxMs) {
    why = `upper bound ${msVs(bounds.upper, maxMs)} at ${at} but only ${n} of ${minSamples} samples`;
  } else {
    why = `upper bound ${msVs(bounds.upper, maxMs)} at ${at}`;
  }
  return {
    verdict: "inconclusive",
    reason: `${head} not yet shown below ${ms(maxMs)}: ${why}`,
    figures
  };
}
function judgeCompareErrors(input) {
  const { canary, baseline } = input;
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  const absMargin = input.absMargin ?? DEFAULT_ABS_MARGIN;
  const relMargin = input.relMargin ?? DEFAULT_REL_MARGIN;
  const minSamples = input.minSamples ?? defaultMinSamples(absMargin);
  checkAlpha(alpha);
  const canaryRate = canary.n > 0 ? canary.errors / canary.n : 0;
  const baselineRate = baseline.n > 0 ? baseline.errors / baseline.n : 0;
  const diff = canaryRate - baselineRate;
  const ratio = canaryRate / Math.max(baselineRate, BASELINE_RATE_FLOOR);
  const total = canary.n + baseline.n;
  const events = canary.errors + baseline.errors;
  const smallestArm = Math.min(canary.n, baseline.n);
  const smallestExpected = total > 0 ? smallestArm * Math.min(events, total - events) / total : 0;
  let test;
  let z = null;
  let pValue;
  if (smallestExpected < 5) {
    test = "fisher";
    pValue = fisherExactGreater(
      canary.errors,
      canary.n - canary.errors,
      baseline.errors,
      baseline.n - baseline.errors
    );
  } else {
    test = "z";
    const r = twoProportionZ(
      canary.errors,
      canary.n,
      baseline.errors,
      baseline.n
    );
    z = r.z;
    pValue = r.pValue;
  }
  const significant = canary.n > 0 && baseline.n > 0 && pValue < alpha;
  const figures = {
    canary: { errors: canary.errors, n: canary.n },
    baseline: { errors: baseline.errors, n: baseline.n },
    canaryRate,
    baselineRate,
    diff,
    ratio,
    test,
    z,
    pValue,
    significant,
    alpha,
    absMargin,
    relMargin,
    minSamples
  };
  if (canary.n === 0 || baseline.n === 0) {
    const missing = canary.n === 0 && baseline.n === 0 ? "canary and baseline" : canary.n === 0 ? "canary" : "baseline";
    return {
      verdict: "inconclusive",
      reason: `no ${missing} data yet: canary ${canary.n} and baseline ${baseline.n} samples`,
      figures
    };
  }
  const head = `canary error rate ${pct(canaryRate)} (${canary.errors}/${canary.n}) vs baseline ${pct(baselineRate)} (${baseline.errors}/${baseline.n})`;
  const stat = `${test === "z" ? "z-test" : "fisher"} p=${sig(pValue, 2)} at \u03B1=${sig(alpha)}`;
  const sign = diff >= 0 ? "+" : "-";
  const delta = `${sign}${sig(Math.abs(diff) * 100)}pp, ${sig(ratio)}\xD7 the baseline (floor ${pct(BASELINE_RATE_FLOOR)})`;
  if (significant && diff > absMargin && ratio > relMargin) {
    return {
      verdict: "fail",
      reason: `${head}: ${delta}, ${stat}`,
      figures
    };
  }
  let finding;
  if (!significant) finding = `no significant increase (${stat})`;
  else if (!(diff > absMargin)) {
    finding = `significant (${stat}) but ${sign}${sig(Math.abs(diff) * 100)}pp is within ${sig(absMargin * 100)}pp`;
  } else {
    finding = `significant (${stat}) but ${sig(ratio)}\xD7 is within ${sig(relMargin)}\xD7`;
  }
  if (canary.n >= minSamples && baseline.n >= minSamples) {
    return { verdict: "pass", reason: `${head}: ${finding}`, figures };
  }
  return {
    verdict: "inconclusive",
    reason: `${head}: ${finding}, ${canary.n} and ${baseline.n} of ${minSamples} samples per arm`,
    figures
  };
}
function judgeCompareLatency(input) {
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  const allowedIncrease = input.allowedIncrease ?? DEFAULT_ALLOWED_INCREASE;
  const minSamples = input.minSamples ?? DEFAULT_COMPARE_LATENCY_MIN_SAMPLES;
  checkAlpha(alpha);
  const canary = sortFinite(input.canaryMs);
  const baseline = sortFinite(input.baselineMs);
  const canaryN = canary.length;
  const baselineN = baseline.length;
  const tailQ = Math.min(canaryN, baselineN) >= P99_MIN_SAMPLES ? 0.99 : 0.95;
  const nominal = tailQ === 0.99 ? 0.01 : 0.05;
  const hasData = canaryN > 0 && baselineN > 0;
  const canaryMedian = canaryN > 0 ? quantile(canary, 0.5) : null;
  const baselineMedian = baselineN > 0 ? quantile(baseline, 0.5) : null;
  let medianRatio = null;
  if (canaryMedian !== null && baselineMedian !== null) {
    medianRatio = baselineMedian > 0 ? canaryMedian / baselineMedian : canaryMedian > baselineMedian ? Infinity : 1;
  }
  const mw = mannWhitneyU(canary, baseline);
  const mwFail = hasData && mw.pValue < alpha && (medianRatio ?? 0) > allowedIncrease;
  const thresholdMs = baselineN > 0 ? quantile(baseline, tailQ) : null;
  let exceedances = 0;
  if (thresholdMs !== null) {
    for (const v of canary) if (v > thresholdMs) exceedances++;
  }
  const share = canaryN > 0 ? exceedances / canaryN : 0;
  const tailP = hasData ? binomialTail(exceedances, canaryN, nominal) : 1;
  const tailFail = hasData && tailP < alpha && share >= 2 * nominal;
  const figures = {
    canaryN,
    baselineN,
    canaryMedianMs: canaryMedian,
    baselineMedianMs: baselineMedian,
    medianRatio,
    mannWhitney: {
      u: mw.u,
      pValue: mw.pValue,
      method: mw.method,
      fail: mwFail
    },
    tail: {
      quantile: tailQ,
      thresholdMs,
      exceedances,
      share,
      nominal,
      pValue: tailP,
      fail: tailFail
    },
    alpha,
    allowedIncrease,
    minSamples
  };
  if (!hasData) {
    const missing = canaryN === 0 && baselineN === 0 ? "canary and baseline" : canaryN === 0 ? "canary" : "baseline";
    return {
      verdict: "inconclusive",
      reason: `no ${missing} latency data yet: canary ${canaryN} and baseline ${baselineN} samples`,
      figures
    };
  }
  const at = `\u03B1=${sig(alpha)}`;
  const ratioText = `\xD7${sig(medianRatio)}`;
  const median = (versus) => `mann-whitney p=${sig(mw.pValue, 2)}, median ${ms(canaryMedian)} vs ${ms(baselineMedian)} (${ratioText}${versus})`;
  const tail = `${pct(share)} of canary above baseline ${pLabel(tailQ)} ${ms(thresholdMs)} (nominal ${pct(nominal)}), p=${sig(tailP, 2)}`;
  if (mwFail || tailFail) {
    const parts = [];
    if (mwFail) parts.push(median(` > \xD7${sig(allowedIncrease)}`));
    if (tailFail) parts.push(`tail ${tail}`);
    return {
      verdict: "fail",
      reason: `canary latency regressed: ${parts.join("; ")} at ${at}`,
      figures
    };
  }
  const summary = `${median("")}; tail ${tail} at ${at}`;
  if (canaryN >= minSamples && baselineN >= minSamples) {
    return {
      verdict: "pass",
      reason: `canary latency in line with baseline: ${summary}`,
      figures
    };
  }
  return {
    verdict: "inconclusive",
    reason: `no latency regression yet: ${summary}, ${canaryN} and ${baselineN} of ${minSamples} samples per arm`,
    figures
  };
}
function bonferroniAlpha(totalAlpha, looks) {
  checkAlpha(totalAlpha);
  if (Number.isNaN(looks)) throw new RangeError("looks must be a number");
  return totalAlpha / Math.max(1, Math.ceil(looks));
}
function combineVerdicts(verdicts) {
  let all = true;
  for (const v of verdicts) {
    const verdict = typeof v === "string" ? v : v.verdict;
    if (verdict === "fail") return "fail";
    if (verdict !== "pass") all = false;
  }
  return all ? "pass" : "inconclusive";
}

// src/orchestrator/observer.ts
var MIN_POLL_MS = 1e3;
var SLACK_MS = 250;
function configuredChecks(config) {
  const all = [
    ...Object.values(config.checks ?? {}),
    ...(config.services ?? []).flatMap((s) => s.checks ?? [])
  ];
  if (all.length === 0) return { count: 0, firstDueMs: 0, intervalMs: 0 };
  const ms2 = (v, d) => typeof v === "string" ? parseDuration(v) ?? d : d;
  const intervals = all.map((c) => ms2(c.interval, 15e3));
  const firsts = all.map((c, i) => ms2(c.grace_period, 0) || intervals[i]);
  return {
    count: all.length,
    firstDueMs: Math.max(...firsts),
    intervalMs: Math.min(...intervals)
  };
}
function crashIn(events, since) {
  return events.find(
    (e) => e.timestamp >= since && e.type === "exit" && !e.requestedStop && (e.exitCode !== void 0 && e.exitCode !== 0 && e.restarting === true || e.oomKilled === true || (e.restartCount ?? 0) > 1)
  );
}
function checksOf(m) {
  return m.checks.filter((c) => !c.name.startsWith("bg_deployments_compat"));
}
function createObserver(ports, app, rolloutId) {
  const waiters = /* @__PURE__ */ new Set();
  let lastPoll = -Infinity;
  let lastFull = -Infinity;
  let loop;
  let latest = [];
  const poll = async (wave) => {
    lastPoll = ports.clock.now();
    const metadata = { flyrollout_id: rolloutId };
    if (wave !== void 0) metadata.flyrollout_wave = String(wave);
    const views = await ports.machines.list(app, { metadata });
    if (wave === void 0) {
      latest = views;
      lastFull = lastPoll;
    }
    return views;
  };
  const judge = (w, views) => {
    const now = ports.clock.now();
    const m = views.find((v) => v.id === w.machineId);
    if (!m)
      return now > w.deadline ? {
        ok: false,
        reason: `machine ${w.machineId} disappeared`,
        critical: true
      } : void 0;
    if (w.version && m.version !== w.version) {
      return {
        ok: false,
        reason: `machine ${m.id} moved to version ${m.version} while we waited for ${w.version}: someone else changed it`,
        critical: true
      };
    }
    const crash = crashIn(m.events, w.since);
    if (crash) {
      return {
        ok: false,
        reason: `machine ${m.id} crashed: exit code ${crash.exitCode ?? "?"}${crash.oomKilled ? " (out of memory)" : ""}, restart ${crash.restartCount ?? 0}`,
        critical: true
      };
    }
    if (m.state !== "started") {
      if (now > w.deadline)
        return {
          ok: false,
          reason: `machine ${m.id} is ${m.state}, not started`,
          critical: true
        };
      return void 0;
    }
    const checks = checksOf(m);
    if (checks.length >= w.configured && checks.every((c) => c.status === "passing")) {
      const stamp = checks.map((c) => c.updatedAt ?? "").sort().at(-1) ?? "";
      if (stamp !== w.lastStamp || w.configured === 0) {
        w.seen++;
        w.lastStamp = stamp;
      }
      if (w.seen >= w.passes) return { ok: true, at: now };
    } else w.seen = 0;
    if (now > w.deadline) {
      const bad = checks.filter((c) => c.status !== "passing").map((c) => `${c.name} ${c.status}`);
      const detail = checks.length < w.configured ? `${checks.length}/${w.configured} checks reported` : bad.join(", ");
      return {
        ok: false,
        reason: `machine ${m.id} not healthy before its deadline: ${detail}`,
        critical: false
      };
    }
    return void 0;
  };
  const run = async () => {
    while (waiters.size) {
      const next = Math.min(
        ...[...waiters].map((w) => Math.min(w.dueAt, w.deadline))
      );
      const at = Math.max(next, lastPoll + MIN_POLL_MS);
      const wait = at - ports.clock.now();
      if (wait > 0) await ports.clock.sleep(wait);
      let views;
      const waves = new Set([...waiters].map((w) => w.wave));
      try {
        views = await poll(waves.size === 1 ? [...waves][0] : void 0);
      } catch (e) {
        ports.log.debug(`observer: list failed: ${e.message}`);
        continue;
      }
      const now = ports.clock.now();
      for (const w of [...waiters]) {
        const v = judge(w, views);
        if (v) {
          waiters.delete(w);
          w.resolve(v);
        } else if (w.dueAt <= now) {
          const m = views.find((x) => x.id === w.machineId);
          const reported = m ? checksOf(m).length >= w.configured : false;
          w.dueAt = now + (reported ? w.recheckMs : MIN_POLL_MS);
        }
      }
    }
    loop = void 0;
  };
  return {
    /**
     * healthy resolves once the machine (at `version`) has every configured
     * check passing, or fails on a crash, a foreign version, or the deadline.
     */
    healthy(machineId, opts) {
      const c = configuredChecks(opts.config);
      const now = ports.clock.now();
      return new Promise((resolve) => {
        const w = {
          machineId,
          wave: opts.wave,
          passes: Math.max(1, opts.passes ?? 1),
          seen: 0,
          version: opts.version,
          configured: c.count,
          since: opts.since,
          // No checks configured: one look for crashes and state is enough.
          dueAt: now + (c.count ? c.firstDueMs + SLACK_MS : 0),
          recheckMs: Math.max(
            MIN_POLL_MS,
            Math.min(c.intervalMs || MIN_POLL_MS, 5e3)
          ),
          deadline: opts.deadline,
          resolve
        };
        if (opts.signal?.aborted) {
          resolve({
            ok: false,
            reason: "stopped: the wave is being rolled back",
            critical: false
          });
          return;
        }
        opts.signal?.addEventListener(
          "abort",
          () => {
            if (!waiters.delete(w)) return;
            resolve({
              ok: false,
              reason: "stopped: the wave is being rolled back",
              critical: false
            });
          },
          { once: true }
        );
        waiters.add(w);
        loop ??= run();
      });
    },
    /** look lists the rollout's machines now (shared with the waiters' polls when one just ran). */
    async look(maxAgeMs = 0) {
      if (ports.clock.now() - lastFull <= maxAgeMs) return latest;
      return poll();
    }
  };
}

// src/orchestrator/bake.ts
var PASS_LOOKS = 4;
function lookIntervalMs(bakeMs) {
  return Math.min(6e4, Math.max(1e3, Math.round(bakeMs / 10)));
}
async function bake(ctx, wave, probed, since) {
  const { ports, spec } = ctx;
  const start = ports.clock.now();
  const watched = new Set(
    probed.filter((p) => p.arm === "canary").map((p) => p.machineId)
  );
  const criticalSince = /* @__PURE__ */ new Map();
  for (const id of wave.guard) watched.add(id);
  if (wave.bakeMs === 0 || spec.probes.length === 0) {
    const looks2 = [];
    const end = start + wave.bakeMs;
    const last = start + Math.max(wave.bakeMs, wave.maxBakeMs);
    for (; ; ) {
      const look = await checkLook(ctx, watched, since, [], criticalSince);
      looks2.push(look);
      ctx.onLook?.(look, wave);
      const now = ports.clock.now();
      if (look.verdict === "fail" || look.verdict === "pass" && now >= end || now >= last) {
        return {
          verdict: look.verdict,
          reason: look.verdict === "inconclusive" ? look.pending.join("; ") || "not enough evidence" : look.reasons.join("; ") || "machine checks passing, no crashes",
          looks: looks2,
          elapsedMs: now - start,
          figures: []
        };
      }
      await ports.clock.sleep(
        Math.min(lookIntervalMs(wave.bakeMs), (now < end ? end : last) - now),
        ctx.signal
      );
    }
  }
  const lookMs = lookIntervalMs(wave.bakeMs);
  const plannedLooks = Math.max(1, Math.ceil(wave.maxBakeMs / lookMs));
  const alpha = bonferroniAlpha(spec.alpha, plannedLooks);
  const passAlpha = bonferroniAlpha(spec.alpha, PASS_LOOKS);
  const passAt = Array.from(
    { length: PASS_LOOKS },
    (_, k) => wave.bakeMs + (wave.maxBakeMs - wave.bakeMs) * k / (PASS_LOOKS - 1)
  );
  let nextPass = 0;
  const tallies = /* @__PURE__ */ new Map();
  for (const p of spec.probes)
    tallies.set(p.path, { canary: emptyTally(), baseline: emptyTally() });
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  const onAbort = () => stop.abort();
  ctx.signal?.addEventListener("abort", onAbort, { once: true });
  const probing = startProbes(ctx, probed, tallies, stop.signal);
  const looks = [];
  try {
    for (; ; ) {
      await ports.clock.sleep(lookMs, ctx.signal);
      const elapsed = ports.clock.now() - start;
      const passLook = nextPass < PASS_LOOKS && elapsed >= passAt[nextPass];
      if (passLook)
        while (nextPass < PASS_LOOKS && elapsed >= passAt[nextPass]) nextPass++;
      const look = await checkLook(ctx, watched, since, [], criticalSince);
      const verdicts = [look.verdict];
      const judged = (judge) => {
        const early = judge(alpha);
        if (early.verdict === "fail" || !passLook)
          return early.verdict === "pass" ? { ...early, verdict: "inconclusive" } : early;
        return judge(passAlpha);
      };
      const hasBaseline = probed.some((p) => p.arm === "baseline");
      for (const p of spec.probes) {
        const t = tallies.get(p.path);
        const note = (v, text) => {
          if (v === "fail") look.reasons.push(text);
          else if (v === "inconclusive") look.pending.push(text);
        };
        const threshold = judged(
          (a) => judgeErrorRateThreshold({
            errors: t.canary.errors,
            n: t.canary.n,
            maxRate: p.maxErrorRate,
            alpha: a,
            minSamples: p.minSamples
          })
        );
        verdicts.push(threshold.verdict);
        note(threshold.verdict, `${p.path}: ${threshold.reason}`);
        for (const [q, max] of [
          [0.95, p.maxP95Ms],
          [0.99, p.maxP99Ms]
        ]) {
          if (max === void 0) continue;
          const lat = judged(
            (a) => judgeLatencyThreshold({
              samplesMs: t.canary.latenciesMs,
              q,
              maxMs: max,
              alpha: a,
              minSamples: Math.min(p.minSamples, 100)
            })
          );
          verdicts.push(lat.verdict);
          note(lat.verdict, `${p.path} p${q * 100}: ${lat.reason}`);
        }
        if (hasBaseline && spec.compare.errors) {
          const cmp = judgeCompareErrors({
            canary: { errors: t.canary.errors, n: t.canary.n },
            baseline: { errors: t.baseline.errors, n: t.baseline.n },
            alpha,
            absMargin: spec.compare.absMargin,
            relMargin: spec.compare.relMargin,
            minSamples: Math.min(p.minSamples, 50)
          });
          if (cmp.verdict === "fail") {
            verdicts.push("fail");
            look.reasons.push(`${p.path} vs baseline: ${cmp.reason}`);
          }
        }
        if (hasBaseline && spec.compare.latency && t.canary.latenciesMs.length >= 20 && t.baseline.latenciesMs.length >= 20) {
          const cmp = judgeCompareLatency({
            canaryMs: t.canary.latenciesMs,
            baselineMs: t.baseline.latenciesMs,
            alpha,
            allowedIncrease: spec.compare.allowedIncrease
          });
          const c = [...t.canary.latenciesMs].sort((a, b2) => a - b2);
          const b = [...t.baseline.latenciesMs].sort((a, b2) => a - b2);
          const delta = Math.max(
            pct2(c, 0.5) - pct2(b, 0.5),
            pct2(c, 0.95) - pct2(b, 0.95)
          );
          if (cmp.verdict === "fail" && delta > spec.compare.minLatencyDeltaMs) {
            verdicts.push("fail");
            look.reasons.push(`${p.path} latency vs baseline: ${cmp.reason}`);
          }
        }
      }
      look.figures = figuresOf(spec, tallies, hasBaseline);
      look.verdict = combineVerdicts(verdicts);
      looks.push(look);
      ctx.onLook?.(look, wave);
      if (look.verdict === "fail") {
        return {
          verdict: "fail",
          reason: look.reasons.join("; "),
          looks,
          elapsedMs: elapsed,
          figures: look.figures
        };
      }
      if (elapsed >= wave.bakeMs && look.verdict === "pass") {
        return {
          verdict: "pass",
          reason: summarize(look.figures),
          looks,
          elapsedMs: elapsed,
          figures: look.figures
        };
      }
      if (elapsed >= wave.maxBakeMs) {
        return {
          verdict: "inconclusive",
          reason: look.pending.join("; ") || "not enough evidence",
          looks,
          elapsedMs: elapsed,
          figures: look.figures
        };
      }
    }
  } finally {
    stop.abort();
    ctx.signal?.removeEventListener("abort", onAbort);
    await probing;
  }
}
async function checkLook(ctx, watched, since, figures, criticalSince) {
  const now = ctx.ports.clock.now();
  const views = await ctx.observer.look(500);
  const reasons = [];
  const waiting = [];
  let critical = false;
  let pending = false;
  for (const id of watched) {
    const m = views.find((v) => v.id === id);
    if (!m) continue;
    const crash = crashIn(m.events, since);
    if (crash) {
      critical = true;
      reasons.push(
        `machine ${id} crashed (exit code ${crash.exitCode ?? "?"}${crash.oomKilled ? ", out of memory" : ""})`
      );
      continue;
    }
    if (m.state !== "started" && m.state !== "stopped" && m.state !== "suspended") {
      pending = true;
      waiting.push(`machine ${id} is ${m.state}`);
      continue;
    }
    if (m.state !== "started") continue;
    const timing = configuredChecks(m.config);
    for (const c of checksOf(m)) {
      const key = `${id}/${c.name}`;
      if (c.status === "critical") {
        const first = criticalSince.get(key) ?? now;
        criticalSince.set(key, first);
        if (now - first >= timing.firstDueMs + 3 * timing.intervalMs) {
          critical = true;
          reasons.push(
            `machine ${id} check ${c.name} has been critical for ${Math.round((now - first) / 1e3)}s${c.output ? `: ${c.output}` : ""}`
          );
        } else {
          pending = true;
          waiting.push(`machine ${id} check ${c.name} is critical`);
        }
      } else {
        criticalSince.delete(key);
        if (c.status !== "passing") {
          pending = true;
          waiting.push(`machine ${id} check ${c.name} is ${c.status}`);
        }
      }
    }
  }
  return {
    at: now,
    verdict: critical ? "fail" : pending ? "inconclusive" : "pass",
    critical,
    reasons,
    pending: waiting,
    figures
  };
}
var MAX_IN_FLIGHT = 4;
function startProbes(ctx, probed, tallies, signal) {
  const { ports, spec } = ctx;
  const loops = [];
  for (const p of spec.probes) {
    const t = tallies.get(p.path);
    probed.forEach((target, i) => {
      loops.push(
        (async () => {
          const inflight = /* @__PURE__ */ new Set();
          const offset = Math.round(
            p.intervalMs * i / Math.max(1, probed.length)
          );
          try {
            await ports.clock.sleep(offset, signal);
            while (!signal.aborted) {
              if (inflight.size >= MAX_IN_FLIGHT) await Promise.race(inflight);
              const one = ports.prober.probe(ctx.app, { machineId: target.machineId }, p, signal).then((sample) => {
                if (!signal.aborted)
                  record(
                    t[target.arm],
                    sample,
                    target,
                    p.expect,
                    spec.identity !== false
                  );
              }).catch(() => void 0).finally(() => inflight.delete(one));
              inflight.add(one);
              await ports.clock.sleep(p.intervalMs, signal);
            }
          } catch {
          }
          await Promise.allSettled(inflight);
        })()
      );
    });
  }
  return Promise.all(loops).then(() => void 0);
}
function record(t, s, target, expect, identity) {
  if (identity && s.machineId !== void 0) {
    if (s.machineId !== target.machineId || target.version && s.version && s.version !== target.version) {
      t.foreign++;
      return;
    }
  }
  const isError = s.error !== void 0 || s.status >= 500 || expect !== void 0 && !expect.includes(s.status);
  if (identity && s.machineId === void 0 && !isError) t.unverified++;
  t.n++;
  if (isError) t.errors++;
  else t.latenciesMs.push(s.latencyMs);
}
function emptyTally() {
  return { n: 0, errors: 0, latenciesMs: [], foreign: 0, unverified: 0 };
}
function pct2(sorted, q) {
  if (!sorted.length) return void 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
function figuresOf(spec, tallies, hasBaseline) {
  return spec.probes.map((p) => {
    const t = tallies.get(p.path);
    const c = [...t.canary.latenciesMs].sort((a, b2) => a - b2);
    const b = [...t.baseline.latenciesMs].sort((x, y) => x - y);
    return {
      path: p.path,
      canary: {
        n: t.canary.n,
        errors: t.canary.errors,
        errorRate: t.canary.n ? t.canary.errors / t.canary.n : 0,
        p50Ms: pct2(c, 0.5),
        p95Ms: pct2(c, 0.95),
        p99Ms: pct2(c, 0.99)
      },
      ...hasBaseline ? {
        baseline: {
          n: t.baseline.n,
          errors: t.baseline.errors,
          errorRate: t.baseline.n ? t.baseline.errors / t.baseline.n : 0,
          p50Ms: pct2(b, 0.5),
          p95Ms: pct2(b, 0.95)
        }
      } : {},
      identity: spec.identity === false ? "off" : t.canary.unverified > 0 ? "unverified" : "verified"
    };
  });
}
function summarize(figures) {
  return figures.map(
    (f) => `${f.path}: ${f.canary.errors}/${f.canary.n} errors (${formatRate(f.canary.errorRate)})${f.canary.p95Ms !== void 0 ? `, p95 ${Math.round(f.canary.p95Ms)}ms` : ""}`
  ).join("; ") || "machine checks passing";
}

// src/orchestrator/leases.ts
var LEASE_TTL_S = 60;
var REFRESH_AFTER_MS = LEASE_TTL_S * 1e3 * 2 / 3;
var CONFLICT_RETRIES = 3;
var CONFLICT_WAIT_MS = 1e4;
var OWN_LEASE_POLL_MS = 5e3;
var TRANSIENT_BACKOFF_MS = [1e3, 2e3, 4e3];
async function acquire(ports, app, machineId, rolloutId, signal) {
  let lease;
  const ownDeadline = ports.clock.now() + (LEASE_TTL_S + 10) * 1e3;
  let transient = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      lease = await ports.machines.acquireLease(
        app,
        machineId,
        LEASE_TTL_S,
        leaseDescription(rolloutId)
      );
      break;
    } catch (e) {
      if (e instanceof FlyApiError && !(e instanceof LeaseConflictError) && e.retryable && transient < TRANSIENT_BACKOFF_MS.length) {
        ports.log.debug(
          `lease on ${machineId}: ${e.message}; retrying (it may have been taken: then it is ours)`
        );
        await ports.clock.sleep(TRANSIENT_BACKOFF_MS[transient++], signal);
        continue;
      }
      if (!(e instanceof LeaseConflictError)) throw e;
      const ours = e.holder.description === leaseDescription(rolloutId);
      if (ours ? ports.clock.now() >= ownDeadline : attempt >= CONFLICT_RETRIES)
        throw e;
      await ports.clock.sleep(
        ours ? OWN_LEASE_POLL_MS : CONFLICT_WAIT_MS,
        signal
      );
    }
  }
  return hold(ports, app, machineId, lease.nonce);
}
function hold(ports, app, machineId, nonce) {
  const stop = new AbortController();
  let released = false;
  const refresher = (async () => {
    while (!stop.signal.aborted) {
      try {
        await ports.clock.sleep(REFRESH_AFTER_MS, stop.signal);
      } catch {
        return;
      }
      try {
        await ports.machines.refreshLease(app, machineId, nonce, LEASE_TTL_S);
      } catch (e) {
        ports.log.warn(
          `could not refresh the lease on ${machineId}: ${e.message}`
        );
      }
    }
  })();
  return {
    machineId,
    nonce,
    async release() {
      if (released) return;
      released = true;
      stop.abort();
      await refresher;
      try {
        await ports.machines.releaseLease(app, machineId, nonce);
      } catch (e) {
        ports.log.warn(
          `could not release the lease on ${machineId}: ${e.message}`
        );
      }
    }
  };
}

// src/orchestrator/restore-machine.ts
var RESTORE_BACKOFF_MS = [2e3, 4e3, 8e3, 16e3, 32e3];
var RESTORE_ATTEMPTS = RESTORE_BACKOFF_MS.length + 1;
async function restoreMachine(ctx, target) {
  let last = {
    machineId: target.machineId,
    status: "failed",
    reason: "not attempted"
  };
  for (let attempt = 0; attempt < RESTORE_ATTEMPTS; attempt++) {
    if (attempt > 0)
      await ctx.ports.clock.sleep(RESTORE_BACKOFF_MS[attempt - 1]);
    last = await restoreOnce(
      ctx,
      attempt === 0 ? target : { ...target, view: void 0 }
    );
    if (last.status !== "failed") return last;
    ctx.ports.log.warn(
      `restore of ${target.machineId} failed (attempt ${attempt + 1}/${RESTORE_ATTEMPTS}): ${last.reason}`
    );
  }
  return last;
}
async function restoreOnce(ctx, target) {
  const { ports, app } = ctx;
  const id = target.machineId;
  let lease;
  try {
    let m;
    try {
      m = target.view ?? await ports.machines.get(app, id);
    } catch (e) {
      if (e instanceof FlyApiError && e.status === 404) {
        return target.created ? { machineId: id, status: "destroyed" } : {
          machineId: id,
          status: "unrestorable",
          reason: `machine ${id} no longer exists`
        };
      }
      throw e;
    }
    const marks = readMarks(m.config.metadata);
    const created = target.created ?? (marks?.created ? { volumeIds: [] } : void 0);
    if (created) {
      if (m.state === "destroyed" || m.state === "destroying")
        return { machineId: id, status: "destroyed" };
      lease = ctx.anchor?.machineId === id ? void 0 : await acquire(ports, app, id, ctx.rolloutId, ctx.signal);
      await destroyMachine(ports, app, id, lease?.nonce ?? ctx.anchor?.nonce);
      for (const v of created.volumeIds) {
        await destroyVolumeWhenFree(ctx, v);
      }
      return { machineId: id, status: "destroyed" };
    }
    if (marks?.rolloutId !== ctx.rolloutId) {
      if (target.s0 && !(canonicalJson(m.config) === canonicalJson(target.s0.config) && sameState(m.state, target.s0.state)))
        ctx.ports.log.warn(
          `machine ${id} was changed outside rollout ${ctx.rolloutId}; left as found`
        );
      return target.s0 ? {
        machineId: id,
        status: "unchanged",
        s0Digest: target.s0.imageDigest
      } : { machineId: id, status: "unchanged" };
    }
    const s0 = target.s0 ?? await s0FromVersions(ctx, m);
    if (!s0) {
      return {
        machineId: id,
        status: "unrestorable",
        reason: `no trustworthy S\u2080 config for ${id}: its previous version is gone from /versions`
      };
    }
    const exact = (v) => canonicalJson(v.config) === canonicalJson(s0.config);
    const stateOk = (state) => sameState(state, s0.state);
    if (exact(m) && stateOk(m.state))
      return { machineId: id, status: "unchanged", s0Digest: s0.imageDigest };
    lease = ctx.anchor?.machineId === id ? void 0 : await acquire(ports, app, id, ctx.rolloutId, ctx.signal);
    const nonce = lease?.nonce ?? ctx.anchor?.nonce;
    if (configHash(m.config) === s0.hash && m.imageDigest === s0.imageDigest && stateOk(m.state)) {
      await ports.machines.setMetadata(
        app,
        id,
        metadataDiff(m.config, s0.config),
        nonce
      );
      const after2 = await ports.machines.get(app, id);
      if (!exact(after2))
        return {
          machineId: id,
          status: "failed",
          reason: `metadata of ${id} did not read back as S\u2080`
        };
      return { machineId: id, status: "restored", s0Digest: s0.imageDigest };
    }
    const since = ports.clock.now();
    const view = await ports.machines.update(
      app,
      id,
      {
        config: s0.config,
        currentVersion: m.version,
        skipLaunch: s0.state !== "started",
        minSecretsVersion: ctx.minSecretsVersion
      },
      nonce
    );
    let unhealthy = false;
    let lastSeen;
    if (s0.state === "started") {
      const health = await waitHealthy(ctx, id, view.version, s0.config, since);
      if (health.result !== "ok") unhealthy = true;
      lastSeen = health.last;
    } else if (s0.state === "suspended") {
      if (view.state !== "started") {
        await ports.machines.start(app, id, nonce);
        await ports.machines.waitFor(app, id, {
          states: ["started"],
          version: view.version,
          timeoutS: 60
        });
      }
      await ports.machines.suspend(app, id, nonce);
      await ports.machines.waitFor(app, id, {
        states: ["suspended"],
        version: view.version,
        timeoutS: 60
      });
    } else if (view.state !== "stopped" && view.state !== "created") {
      await ports.machines.stop(app, id, nonce);
      await ports.machines.waitFor(app, id, {
        states: ["stopped"],
        version: view.version,
        timeoutS: 60
      });
    }
    const after = lastSeen ?? await ports.machines.get(app, id);
    if (!unhealthy && !stateOk(after.state)) {
      return {
        machineId: id,
        status: "failed",
        reason: `machine ${id} is ${after.state}, S\u2080 was ${s0.state}`
      };
    }
    if (!exact(after)) {
      return {
        machineId: id,
        status: "failed",
        reason: `machine ${id} does not read back as its S\u2080 config`
      };
    }
    if (s0.imageDigest && after.imageDigest !== s0.imageDigest) {
      const pinned = pinImage(s0.config.image ?? "", s0.imageDigest);
      const fixed = await ports.machines.update(
        app,
        id,
        {
          config: { ...s0.config, image: pinned },
          currentVersion: after.version,
          skipLaunch: s0.state !== "started",
          minSecretsVersion: ctx.minSecretsVersion
        },
        nonce
      );
      if (fixed.imageDigest !== s0.imageDigest) {
        return {
          machineId: id,
          status: "failed",
          reason: `machine ${id} runs ${fixed.imageDigest}, not S\u2080's ${s0.imageDigest}`
        };
      }
      if (s0.state === "started")
        await waitHealthy(ctx, id, fixed.version, s0.config, since);
      return {
        machineId: id,
        status: "restored",
        s0Digest: s0.imageDigest,
        reason: `image tag ${s0.config.image} has moved since the snapshot: restored with ${pinned}`
      };
    }
    return {
      machineId: id,
      status: "restored",
      s0Digest: s0.imageDigest,
      ...unhealthy ? {
        unhealthy,
        reason: `machine ${id} is back on its S\u2080 config but not healthy`
      } : {}
    };
  } catch (e) {
    return { machineId: id, status: "failed", reason: e.message };
  } finally {
    await lease?.release();
  }
}
async function s0FromVersions(ctx, m) {
  const marks = readMarks(m.config.metadata);
  if (!marks?.prevVersion || !marks.prevHash) return void 0;
  const versions = await ctx.ports.machines.versions(ctx.app, m.id);
  const v = versions.find((x) => x.version === marks.prevVersion);
  if (!v || configHash(v.config) !== marks.prevHash) return void 0;
  const config = structuredClone(v.config);
  return {
    id: m.id,
    name: m.name,
    region: m.region,
    group: config.metadata?.fly_process_group ?? "app",
    state: marks.prevState ?? "started",
    version: marks.prevVersion,
    // Known only when S₀ pinned its image by digest; m's digest is the new release's.
    imageDigest: digestOf(config) ?? "",
    config,
    hash: marks.prevHash,
    volumeIds: (config.mounts ?? []).flatMap(
      (x) => x.volume ? [x.volume] : []
    )
  };
}
function pinImage(image, digest) {
  const repo = image.replace(/@sha256:[a-f0-9]+$/, "").replace(/:[\w][\w.-]{0,127}$/, "");
  return `${repo}@${digest}`;
}
function digestOf(config) {
  return /@(sha256:[a-f0-9]{64})$/.exec(config.image ?? "")?.[1];
}
function sameState(now, s0) {
  if (s0 === "started") return now === "started";
  return now === s0 || (s0 === "stopped" || s0 === "created") && (now === "stopped" || now === "created");
}
function metadataDiff(from, to) {
  const a = from.metadata ?? {};
  const b = to.metadata ?? {};
  const out = {};
  for (const k of Object.keys(a)) if (!(k in b)) out[k] = null;
  for (const [k, v] of Object.entries(b)) if (a[k] !== v) out[k] = v;
  return out;
}
async function waitHealthy(ctx, id, version, config, since) {
  const { ports, app } = ctx;
  const deadline = ports.clock.now() + ctx.machineDeadlineMs;
  for (; ; ) {
    const left = Math.ceil((deadline - ports.clock.now()) / 1e3);
    if (left <= 0) return { result: "timeout" };
    const r = await ports.machines.waitFor(app, id, {
      states: ["started", "stopped", "failed"],
      version,
      timeoutS: Math.min(60, left)
    });
    if (r.ok && r.state === "started") break;
    if (r.ok) return { result: "crashed" };
  }
  const c = configuredChecks(config);
  if (c.count === 0) return { result: "ok" };
  let delay2 = c.firstDueMs + 250;
  for (; ; ) {
    await ports.clock.sleep(delay2);
    const m = await ports.machines.get(app, id);
    if (crashIn(m.events, since)) return { result: "crashed", last: m };
    const checks = checksOf(m);
    if (checks.length >= c.count && checks.every((x) => x.status === "passing"))
      return { result: "ok", last: m };
    if (ports.clock.now() > deadline) return { result: "timeout", last: m };
    delay2 = checks.length < c.count ? 1e3 : Math.max(1e3, Math.min(c.intervalMs, 5e3));
  }
}
async function destroyVolumeWhenFree(ctx, volumeId) {
  for (let i = 0; i < 5; i++) {
    try {
      await ctx.ports.volumes.destroy(ctx.app, volumeId);
      return;
    } catch (e) {
      if (e instanceof FlyApiError && e.status === 404) return;
      await ctx.ports.clock.sleep(500);
    }
  }
  ctx.ports.log.warn(
    `volume ${volumeId} created by the rollout could not be deleted; delete it with: fly volumes destroy ${volumeId}`
  );
}

// src/orchestrator/rollback.ts
var RESTORE_CONCURRENCY = 1024;
async function rollBack(input) {
  const { ports, app, rolloutId } = input;
  const listed = await ports.machines.list(app, {
    metadata: { [KEY.id]: rolloutId }
  });
  const targets = /* @__PURE__ */ new Map();
  for (const m of listed) {
    if (m.state === "destroyed" || m.state === "destroying") continue;
    targets.set(m.id, { machineId: m.id, s0: input.s0?.get(m.id), view: m });
  }
  for (const [id, s0] of input.s0 ?? []) {
    if (!targets.has(id)) targets.set(id, { machineId: id, s0 });
  }
  for (const [id, volumeIds] of input.created ?? [])
    targets.set(id, {
      ...targets.get(id),
      machineId: id,
      created: { volumeIds }
    });
  await Promise.all(
    listed.filter(
      (m) => targets.has(m.id) && m.config.metadata?.[KEY.status] !== "rolling-back"
    ).map(
      (m) => ports.machines.setMetadata(
        app,
        m.id,
        { [KEY.status]: "rolling-back" },
        input.anchor?.machineId === m.id ? input.anchor.nonce : void 0
      ).then(() => {
        m.config.metadata = {
          ...m.config.metadata,
          [KEY.status]: "rolling-back"
        };
      }).catch((e) => {
        ports.log.debug(`could not mark ${m.id} rolling-back: ${e.message}`);
        delete targets.get(m.id).view;
      })
    )
  );
  const ctx = {
    ports,
    app,
    rolloutId,
    anchor: input.anchor,
    minSecretsVersion: input.minSecretsVersion,
    machineDeadlineMs: input.machineDeadlineMs,
    signal: input.signal
  };
  const results = [];
  await pool([...targets.values()], RESTORE_CONCURRENCY, async (t) => {
    const r = await restoreMachine(ctx, t);
    results.push(r);
    input.onRestored?.(r);
  });
  results.sort((a, b) => a.machineId.localeCompare(b.machineId));
  return {
    complete: results.every(
      (r) => r.status !== "failed" && r.status !== "unrestorable"
    ),
    results
  };
}
async function pool(items, limit, fn) {
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const item = items[next++];
        await fn(item);
      }
    }
  );
  await Promise.all(workers);
}

// src/orchestrator/snapshot.ts
function toRecord(m) {
  return {
    id: m.id,
    name: m.name,
    region: m.region,
    group: m.config.metadata?.fly_process_group ?? "app",
    state: m.state,
    version: m.version,
    imageDigest: m.imageDigest,
    config: structuredClone(m.config),
    hash: configHash(m.config),
    volumeIds: (m.config.mounts ?? []).flatMap(
      (x) => x.volume ? [x.volume] : []
    )
  };
}
function toSnapshot(app, machines, now) {
  return {
    app,
    takenAt: now,
    machines: machines.filter((m) => m.state !== "destroyed" && m.state !== "destroying").map(toRecord).sort((a, b) => a.id.localeCompare(b.id))
  };
}

// src/orchestrator/release-command.ts
async function runReleaseCommand(ports, app, config, opts) {
  const body = {
    ...structuredClone(config),
    restart: { policy: "no" },
    auto_destroy: true,
    // Untagged: it is not part of the fleet a rollback restores.
    metadata: {
      ...config.metadata ?? {},
      fly_process_group: "fly_app_release_command"
    }
  };
  const m = await ports.machines.create(app, {
    config: body,
    region: opts.region,
    minSecretsVersion: opts.minSecretsVersion
  });
  const deadline = ports.clock.now() + opts.deadlineMs;
  for (; ; ) {
    const left = Math.ceil((deadline - ports.clock.now()) / 1e3);
    if (left <= 0) {
      await destroyMachine(ports, app, m.id).catch(() => void 0);
      return {
        ok: false,
        reason: `it did not finish within ${opts.deadlineMs / 1e3}s (machine ${m.id} destroyed)`
      };
    }
    const r = await ports.machines.waitFor(app, m.id, {
      states: ["stopped", "destroyed", "failed"],
      version: m.version,
      timeoutS: Math.min(60, left)
    });
    if (r.ok) break;
  }
  const events = await ports.machines.events(app, m.id, 20);
  const exit = events.find((e) => e.type === "exit");
  await destroyMachine(ports, app, m.id).catch(() => void 0);
  if (!exit)
    return {
      ok: false,
      reason: `machine ${m.id} stopped without an exit event`
    };
  if (exit.exitCode !== 0)
    return {
      ok: false,
      reason: `it exited with code ${exit.exitCode ?? "unknown"} (machine ${m.id})`
    };
  return { ok: true };
}

// src/orchestrator/update-machine.ts
async function applyUpdate(ctx, step) {
  const { ports, app } = ctx;
  const fail = (reason, critical = true) => ({
    ok: false,
    machineId: step.machineId,
    reason,
    critical
  });
  let lease;
  try {
    lease = ctx.anchor?.machineId === step.machineId ? void 0 : await acquire(ports, app, step.machineId, ctx.rolloutId, ctx.signal);
    const nonce = lease?.nonce ?? ctx.anchor?.nonce;
    const since = ports.clock.now();
    let view;
    try {
      view = await ports.machines.update(
        app,
        step.machineId,
        {
          config: step.config,
          currentVersion: step.fromVersion,
          skipLaunch: step.skipLaunch,
          minSecretsVersion: ctx.minSecretsVersion
        },
        nonce
      );
    } catch (e) {
      if (!(e instanceof FlyApiError) || !e.retryable) throw e;
      const now = await ports.machines.get(app, step.machineId);
      if (now.version === step.fromVersion) {
        view = await ports.machines.update(
          app,
          step.machineId,
          {
            config: step.config,
            currentVersion: step.fromVersion,
            skipLaunch: step.skipLaunch,
            minSecretsVersion: ctx.minSecretsVersion
          },
          nonce
        );
      } else if (configHash(now.config) === step.toHash) view = now;
      else
        return fail(
          `machine ${step.machineId} changed to version ${now.version} during the update: someone else is deploying`
        );
    }
    if (configHash(view.config) !== step.toHash) {
      return fail(
        `machine ${step.machineId} reads back a config other than the one sent (hash ${configHash(view.config)}, want ${step.toHash})`
      );
    }
    if (ctx.digest && view.imageDigest && view.imageDigest !== ctx.digest) {
      return fail(
        `machine ${step.machineId} runs image ${view.imageDigest}, want ${ctx.digest}`
      );
    }
    if (step.skipLaunch) {
      return { ok: true, machineId: step.machineId, version: view.version };
    }
    return await startedAndHealthy(
      ctx,
      step.machineId,
      view.version,
      step.config,
      since
    );
  } catch (e) {
    return fail(
      `updating ${step.machineId} failed: ${e.message}`,
      false
    );
  } finally {
    await lease?.release();
  }
}
async function applyCreate(ctx, step) {
  const { ports, app } = ctx;
  let lease;
  let id = step.key;
  try {
    const config = structuredClone(step.config);
    const volumeIds = [];
    for (const v of step.volumes) {
      const created = await ports.volumes.create(app, {
        name: v.name,
        region: step.region,
        sizeGb: v.sizeGb
      });
      volumeIds.push(created.id);
    }
    if (config.mounts)
      config.mounts = config.mounts.map((m2, i) => ({
        ...m2,
        volume: volumeIds[i] ?? m2.volume
      }));
    const expected = configHash(config);
    config.metadata = { ...config.metadata, [KEY.targetHash]: expected };
    const since = ports.clock.now();
    const m = await ports.machines.create(app, {
      config,
      region: step.region,
      minSecretsVersion: ctx.minSecretsVersion,
      leaseTtlS: LEASE_TTL_S
    });
    id = m.id;
    ctx.onCreated?.(m.id, volumeIds);
    if (m.nonce) lease = hold(ports, app, m.id, m.nonce);
    if (configHash(m.config) !== expected) {
      return {
        ok: false,
        machineId: id,
        reason: `created machine ${id} reads back a config other than the one sent`,
        critical: true
      };
    }
    return await startedAndHealthy(ctx, m.id, m.version, config, since);
  } catch (e) {
    return {
      ok: false,
      machineId: id,
      reason: `creating a machine in ${step.region} failed: ${e.message}`,
      critical: false
    };
  } finally {
    await lease?.release();
  }
}
async function startedAndHealthy(ctx, machineId, version, config, since) {
  const { ports, app } = ctx;
  const deadline = ports.clock.now() + ctx.machineDeadlineMs;
  for (; ; ) {
    const left = Math.ceil((deadline - ports.clock.now()) / 1e3);
    if (left <= 0) {
      return {
        ok: false,
        machineId,
        reason: `machine ${machineId} did not start within ${ctx.machineDeadlineMs / 1e3}s`,
        critical: false
      };
    }
    const r = await ports.machines.waitFor(app, machineId, {
      states: ["started", "stopped", "failed"],
      version,
      timeoutS: Math.min(60, left),
      signal: ctx.signal
    });
    if (r.ok && r.state === "started") break;
    if (r.ok) {
      const events = await ports.machines.events(app, machineId, 10);
      const exit = events.find((e) => e.type === "exit");
      return {
        ok: false,
        machineId,
        reason: `machine ${machineId} is ${r.state} instead of started${exit?.exitCode !== void 0 ? ` (exit code ${exit.exitCode})` : ""}`,
        critical: true
      };
    }
    if (ctx.signal?.aborted) throw ctx.signal.reason;
  }
  const health = await ctx.observer.healthy(machineId, {
    version,
    config,
    since,
    deadline,
    passes: ctx.verifyPasses,
    wave: ctx.wave,
    signal: ctx.signal
  });
  return health.ok ? { ok: true, machineId, version } : { ok: false, machineId, reason: health.reason, critical: health.critical };
}

// src/orchestrator/run-rollout.ts
async function runRollout(input, ports) {
  const { app, release, spec } = input;
  const startedAt = ports.clock.now();
  const emit = (e) => input.onEvent?.(e);
  const base = {
    app,
    image: release.image,
    digest: release.digest,
    releaseId: release.id,
    restored: [],
    startedAt
  };
  const finish = (o) => ({
    ...base,
    ...o,
    endedAt: ports.clock.now()
  });
  let plan;
  if (input.resume) plan = input.resume.plan;
  else {
    const [regions, current] = await Promise.all([
      ports.platform.regions(),
      ports.machines.list(app)
    ]);
    const inflight = inFlightRollouts(current);
    if (inflight.length) {
      const f = inflight[0];
      throw new StateConflictError(
        `rollout ${f.rolloutId} is ${f.rollingBack ? "rolling back" : "in flight"} on ${app} (${f.machines.length} machine(s) carry its marks); finish it with 'fly-rollout resume --app ${app}' or undo it with 'fly-rollout rollback --app ${app}'`
      );
    }
    plan = planRollout({
      rolloutId: ports.newId(),
      snapshot: toSnapshot(app, current, startedAt),
      release,
      spec,
      primaryRegion: input.primaryRegion,
      regions,
      force: input.force
    });
  }
  emit({ type: "planned", plan });
  const waves = plan.waves.map((w) => ({
    index: w.index,
    name: w.name,
    regions: w.regions.map((r) => r.region),
    status: "pending",
    machines: w.regions.reduce((n, r) => n + r.batches.flat().length, 0)
  }));
  const diagnostics = [...plan.diagnostics];
  if (hasErrors(diagnostics)) {
    return finish({
      result: "invalid",
      rolloutId: plan.id,
      plan,
      waves,
      diagnostics,
      reason: "the plan has errors; nothing was changed"
    });
  }
  if (input.dryRun)
    return finish({
      result: "planned",
      rolloutId: plan.id,
      plan,
      waves,
      diagnostics
    });
  if (!input.resume && isNoop(plan)) {
    return finish({
      result: "nothing-to-do",
      rolloutId: plan.id,
      plan,
      waves,
      diagnostics,
      reason: "every machine already runs this release"
    });
  }
  if (!input.resume) {
    const probeProblems = await validateProbes(ports, app, plan, spec);
    if (probeProblems.length) {
      diagnostics.push(...probeProblems);
      return finish({
        result: "invalid",
        rolloutId: plan.id,
        plan,
        waves,
        diagnostics,
        reason: "probes do not answer on the current release; nothing was changed"
      });
    }
  }
  let anchor;
  if (plan.anchor) {
    try {
      anchor = await acquire(ports, app, plan.anchor, plan.id, input.signal);
    } catch (e) {
      if (e instanceof LeaseConflictError) {
        const holder = await ports.machines.leaseHolder(app, plan.anchor).catch(() => void 0);
        const other = rolloutOfLease(holder?.description);
        throw new StateConflictError(
          other ? `rollout ${other} holds ${app} (lease on ${plan.anchor}); finish it with 'fly-rollout resume --app ${app}' or undo it with 'fly-rollout rollback --app ${app}'` : `machine ${plan.anchor} of ${app} is leased by ${holder?.owner ?? "someone else"}${holder?.description ? ` (${holder.description})` : ""}: another deploy is running`
        );
      }
      throw e;
    }
    if (!input.resume) {
      const changed = await fleetChangedSince(ports, app, plan).catch(
        async (e) => {
          await anchor?.release();
          throw e;
        }
      );
      if (changed) {
        await anchor?.release();
        throw new StateConflictError(
          `${app} changed while this rollout was planning (${changed}): another deploy ran; plan again`
        );
      }
    }
  }
  const s0 = new Map(plan.s0.map((m) => [m.id, m]));
  const touched = /* @__PURE__ */ new Map();
  const created = new Map(input.resume?.created ?? []);
  const observer = createObserver(ports, app, plan.id);
  const stepCtx = {
    ports,
    app,
    rolloutId: plan.id,
    digest: release.digest,
    observer,
    machineDeadlineMs: spec.machineDeadlineMs,
    verifyPasses: spec.verifyPasses,
    minSecretsVersion: input.minSecretsVersion,
    anchor,
    signal: input.signal,
    onCreated: (id, volumeIds) => created.set(id, volumeIds)
  };
  let failedAt;
  const undo = async (reason) => {
    failedAt ??= ports.clock.now();
    if (input.rollback === "off") {
      await anchor?.release();
      return finish({
        result: "failed",
        rolloutId: plan.id,
        plan,
        waves,
        diagnostics,
        reason: `${reason} (rollback: off \u2014 machines left as they are; undo with 'fly-rollout rollback --app ${app}')`,
        failedAt
      });
    }
    emit({ type: "rollback-started", reason });
    const report = await rollBack({
      ports,
      app,
      rolloutId: plan.id,
      s0: touched,
      created,
      anchor,
      minSecretsVersion: input.minSecretsVersion,
      machineDeadlineMs: spec.machineDeadlineMs,
      onRestored: (r) => emit({ type: "restored", result: r })
    });
    await anchor?.release();
    for (const w of waves)
      if (w.status === "promoted" || w.status === "failed")
        w.status = "rolled-back";
    return finish({
      result: report.complete ? "rolled-back" : "rollback-incomplete",
      rolloutId: plan.id,
      plan,
      waves,
      diagnostics,
      reason,
      restored: report.results,
      failedAt,
      restoredAt: ports.clock.now()
    });
  };
  try {
    if (plan.releaseCommand && !input.resume) {
      const r = await runReleaseCommand(ports, app, plan.releaseCommand, {
        minSecretsVersion: input.minSecretsVersion,
        deadlineMs: spec.machineDeadlineMs,
        region: plan.primaryRegion
      });
      if (!r.ok) {
        await anchor?.release();
        return finish({
          result: "failed",
          rolloutId: plan.id,
          plan,
          waves,
          diagnostics,
          reason: `release_command failed: ${r.reason}; no machine was changed`
        });
      }
    }
    for (const wave of plan.waves) {
      const wo = waves[wave.index];
      if (input.resume && wave.index < input.resume.fromWave) {
        wo.status = "promoted";
        continue;
      }
      emit({ type: "wave-started", wave });
      wo.startedAt = ports.clock.now();
      const since = wo.startedAt;
      const deadline = wo.startedAt + wave.progressDeadlineMs;
      const newMachines = [];
      let failure;
      const waveStop = new AbortController();
      const waveSignal = input.signal ? AbortSignal.any([input.signal, waveStop.signal]) : waveStop.signal;
      setMaxListeners2(0, waveSignal);
      const waveCtx = {
        ...stepCtx,
        wave: wave.index,
        signal: waveSignal
      };
      await Promise.all(
        wave.regions.map(async (region) => {
          for (const batch of region.batches) {
            if (failure) return;
            if (ports.clock.now() > deadline) {
              failure = `wave ${wave.name} passed its progress deadline of ${wave.progressDeadlineMs / 6e4} min`;
              return;
            }
            await Promise.all(
              batch.map(async (step) => {
                if (step.action === "~" && input.resume?.done.has(step.machineId)) {
                  touched.set(step.machineId, s0.get(step.machineId));
                  if (!step.skipLaunch)
                    newMachines.push({
                      machineId: step.machineId,
                      arm: "canary"
                    });
                  return void 0;
                }
                if (step.action === "+" && input.resume?.done.has(step.key))
                  return void 0;
                if (step.action === "~") {
                  if (!step.force && step.fromHash === step.toHash && step.fromImage === release.digest)
                    return void 0;
                  touched.set(step.machineId, s0.get(step.machineId));
                }
                emit({ type: "step", wave: wave.index, step });
                const r = step.action === "~" ? await applyUpdate(waveCtx, step) : await applyCreate(waveCtx, step);
                if (!r.ok && !failure) {
                  failure = r.reason;
                  failedAt = ports.clock.now();
                  waveStop.abort();
                }
                emit({ type: "step", wave: wave.index, step, result: r });
                if (r.ok && !(step.action === "~" && step.skipLaunch)) {
                  newMachines.push({
                    machineId: r.machineId,
                    version: r.version,
                    arm: "canary"
                  });
                }
                return r;
              })
            );
          }
        })
      );
      if (input.signal?.aborted) throw input.signal.reason;
      if (failure) {
        wo.status = "failed";
        wo.endedAt = ports.clock.now();
        emit({ type: "wave-done", wave, status: "failed", reason: failure });
        return await undo(`${waveLabel(wave)}: ${failure}`);
      }
      wo.verifiedAt = ports.clock.now();
      const probed = [
        ...newMachines,
        ...wave.baseline.map((id) => ({
          machineId: id,
          version: s0.get(id)?.version,
          arm: "baseline"
        }))
      ];
      const result = await bake(
        {
          ports,
          app,
          spec,
          observer,
          signal: input.signal,
          onLook: (look, w) => emit({ type: "look", wave: w, look })
        },
        wave,
        probed,
        since
      );
      wo.bake = {
        verdict: result.verdict,
        reason: result.reason,
        elapsedMs: result.elapsedMs,
        looks: result.looks.length
      };
      wo.figures = result.figures;
      wo.endedAt = ports.clock.now();
      const verdict = result.verdict === "inconclusive" ? { hold: "held", fail: "fail", pass: "pass" }[wave.onInconclusive] : result.verdict;
      if (verdict === "fail") {
        wo.status = "failed";
        emit({
          type: "wave-done",
          wave,
          status: "failed",
          bake: result,
          reason: result.reason
        });
        return await undo(`${waveLabel(wave)} failed: ${result.reason}`);
      }
      if (verdict === "held" || wave.gate === "manual") {
        wo.status = "held";
        emit({
          type: "wave-done",
          wave,
          status: "held",
          bake: result,
          reason: result.reason
        });
        await anchor?.release();
        return finish({
          result: "held",
          rolloutId: plan.id,
          plan,
          waves,
          diagnostics,
          reason: wave.gate === "manual" ? `${waveLabel(wave)} awaits approval; continue with 'fly-rollout resume --app ${app}' or undo with 'fly-rollout rollback --app ${app}'` : `${waveLabel(wave)} is inconclusive after ${Math.round(result.elapsedMs / 1e3)}s: ${result.reason}; continue with 'fly-rollout resume --app ${app}' or undo with 'fly-rollout rollback --app ${app}'`
        });
      }
      wo.status = "promoted";
      emit({ type: "wave-done", wave, status: "promoted", bake: result });
      await retireSurges(ports, app, plan, wave.index, created, anchor);
    }
    for (const d of plan.cleanup) {
      await destroyMachine(ports, app, d.machineId).catch((e) => {
        diagnostics.push({
          severity: "warning",
          code: "cleanup",
          summary: `could not destroy surplus machine ${d.machineId}: ${e.message}`
        });
      });
    }
    const completeOn = plan.anchor ?? [...created.keys()].sort()[0];
    if (completeOn) {
      await ports.machines.setMetadata(
        app,
        completeOn,
        { [KEY.status]: "complete" },
        anchor?.nonce
      );
    }
    await anchor?.release();
    return finish({
      result: "promoted",
      rolloutId: plan.id,
      plan,
      waves,
      diagnostics
    });
  } catch (e) {
    if (input.signal?.aborted) {
      if (input.onCancel === "leave") {
        await anchor?.release();
        return finish({
          result: "interrupted",
          rolloutId: plan.id,
          plan,
          waves,
          diagnostics,
          reason: `cancelled; resume with 'fly-rollout resume --app ${app}' or undo with 'fly-rollout rollback --app ${app}'`
        });
      }
      return await undo("the run was cancelled");
    }
    if (touched.size || created.size)
      return await undo(`error: ${e.message}`);
    await anchor?.release();
    throw e;
  }
}
async function fleetChangedSince(ports, app, plan) {
  const now = new Map(
    (await ports.machines.list(app)).filter((m) => m.state !== "destroyed" && m.state !== "destroying").map((m) => [m.id, m.version])
  );
  for (const m of plan.s0) {
    const v = now.get(m.id);
    if (v === void 0) return `machine ${m.id} is gone`;
    if (v !== m.version) return `machine ${m.id} is at version ${v}`;
  }
  const known = new Set(plan.s0.map((m) => m.id));
  const extra = [...now.keys()].find((id) => !known.has(id));
  return extra ? `machine ${extra} appeared` : void 0;
}
async function retireSurges(ports, app, plan, waveIndex, created, anchor) {
  const keys = new Set(
    plan.waves.flatMap(
      (w) => w.regions.flatMap(
        (r) => r.batches.flat().flatMap(
          (s) => s.action === "+" && s.retireAfterWave === waveIndex ? [`${s.region}/${s.group}/${w.index}`] : []
        )
      )
    )
  );
  if (!keys.size) return;
  const views = await ports.machines.list(app, {
    metadata: { [KEY.id]: plan.id, [KEY.created]: "true" }
  });
  for (const m of views) {
    const key = `${m.region}/${m.config.metadata?.fly_process_group ?? "app"}/${m.config.metadata?.[KEY.wave]}`;
    if (!keys.has(key)) continue;
    const surge = plan.waves.some(
      (w) => w.regions.some(
        (r) => r.batches.flat().some(
          (s) => s.action === "+" && (s.reason === "surge" || s.reason === "canary") && `${s.region}/${s.group}/${w.index}` === key
        )
      )
    );
    if (!surge) continue;
    await destroyMachine(
      ports,
      app,
      m.id,
      anchor?.machineId === m.id ? anchor.nonce : void 0
    );
    created.delete(m.id);
  }
}
async function validateProbes(ports, app, plan, spec) {
  const out = [];
  const regions = [
    ...new Set(plan.waves.flatMap((w) => w.regions.map((r) => r.region)))
  ];
  for (const p of spec.probes) {
    const answers = [];
    let good = 0;
    for (const region of regions) {
      const m = plan.s0.find(
        (x) => x.region === region && x.state === "started"
      );
      if (!m) continue;
      const s = await ports.prober.probe(app, { machineId: m.id }, p);
      const ok = !s.error && s.status < 500 && (!p.expect || p.expect.includes(s.status));
      if (ok) good++;
      else answers.push(`${m.id} in ${region}: ${s.error ?? s.status}`);
    }
    if (answers.length && good === 0) {
      out.push({
        severity: "error",
        code: "probe",
        summary: `probe ${p.method} ${p.path} answers nothing good on the current release (${answers.join("; ")})`,
        detail: "fix the path or expect: in the rollout spec; a probe that fails today could never pass"
      });
    } else if (answers.length) {
      out.push({
        severity: "warning",
        code: "probe",
        summary: `probe ${p.path} fails on some current machines: ${answers.join("; ")}`
      });
    }
  }
  return out;
}

// src/orchestrator/resume.ts
function findRollout(machines, opts) {
  if (opts.rolloutId) {
    const marked = machines.some(
      (m) => readMarks(m.config.metadata)?.rolloutId === opts.rolloutId
    );
    if (!marked) return void 0;
    const inflight2 = inFlightRollouts(machines).find(
      (r) => r.rolloutId === opts.rolloutId
    );
    return {
      rolloutId: opts.rolloutId,
      rollingBack: inflight2?.rollingBack ?? false
    };
  }
  const inflight = inFlightRollouts(machines);
  if (inflight[0])
    return {
      rolloutId: inflight[0].rolloutId,
      rollingBack: inflight[0].rollingBack
    };
  if (!opts.allowComplete) return void 0;
  const ids = machines.flatMap(
    (m) => readMarks(m.config.metadata)?.rolloutId ?? []
  );
  const latest = ids.sort().at(-1);
  return latest ? { rolloutId: latest, rollingBack: false } : void 0;
}
async function reconstructS0(ports, app, rolloutId, machines) {
  const s0 = [];
  const done = /* @__PURE__ */ new Set();
  const created = /* @__PURE__ */ new Map();
  const drift = [];
  for (const m of machines) {
    if (m.state === "destroyed" || m.state === "destroying") continue;
    if ((m.config.metadata?.fly_process_group ?? "") === "fly_app_release_command")
      continue;
    const marks = readMarks(m.config.metadata);
    if (!marks || marks.rolloutId !== rolloutId) {
      s0.push(toRecord(m));
      continue;
    }
    if (marks.created) {
      created.set(
        m.id,
        (m.config.mounts ?? []).flatMap((x) => x.volume ? [x.volume] : [])
      );
      continue;
    }
    if (configHash(m.config) !== marks.targetHash)
      drift.push(`${m.id}: config changed since the rollout updated it`);
    else done.add(m.id);
    const versions = await ports.machines.versions(app, m.id);
    const prev = versions.find((v) => v.version === marks.prevVersion);
    if (!prev || configHash(prev.config) !== marks.prevHash) {
      drift.push(
        `${m.id}: its previous version ${marks.prevVersion} is missing from /versions or does not match the recorded hash`
      );
      continue;
    }
    const config = structuredClone(prev.config);
    s0.push({
      id: m.id,
      name: m.name,
      region: m.region,
      group: config.metadata?.fly_process_group ?? "app",
      state: marks.prevState ?? "started",
      version: marks.prevVersion,
      imageDigest: /@(sha256:[a-f0-9]{64})/.exec(config.image ?? "")?.[1] ?? "",
      config,
      hash: marks.prevHash,
      volumeIds: (config.mounts ?? []).flatMap(
        (x) => x.volume ? [x.volume] : []
      )
    });
  }
  s0.sort((a, b) => a.id.localeCompare(b.id));
  return { s0, done, created, drift };
}
async function prepareResume(ports, input) {
  const machines = await ports.machines.list(input.app);
  const found = findRollout(machines, { rolloutId: input.rolloutId });
  if (!found)
    throw new StateConflictError(
      `no interrupted rollout on ${input.app} to resume`
    );
  if (found.rollingBack)
    return { rollingBack: true, rolloutId: found.rolloutId };
  const marked = machines.map((m) => readMarks(m.config.metadata)).find((x) => x?.rolloutId === found.rolloutId && x.releaseId);
  if (marked?.releaseId && marked.releaseId !== input.release.id.slice(0, 16)) {
    throw new StateConflictError(
      `rollout ${found.rolloutId} deploys release ${marked.releaseId}, but these inputs make release ${input.release.id.slice(0, 16)}: resume with the same image, fly.toml and rollout spec, or roll it back with 'fly-rollout rollback --app ${input.app}'`
    );
  }
  const { s0, done, created, drift } = await reconstructS0(
    ports,
    input.app,
    found.rolloutId,
    machines
  );
  if (drift.length) {
    throw new StateConflictError(
      `rollout ${found.rolloutId} cannot resume: ${drift.join("; ")}; roll it back with 'fly-rollout rollback --app ${input.app}'`
    );
  }
  const plan = planRollout({
    rolloutId: found.rolloutId,
    snapshot: { app: input.app, takenAt: ports.clock.now(), machines: s0 },
    release: input.release,
    spec: input.spec,
    primaryRegion: input.primaryRegion,
    regions: await ports.platform.regions()
  });
  const createdMachines = machines.filter((m) => created.has(m.id));
  for (const w of plan.waves) {
    for (const r of w.regions) {
      for (const s of r.batches.flat()) {
        if (s.action !== "+") continue;
        const i = createdMachines.findIndex(
          (m) => m.region === s.region && (m.config.metadata?.fly_process_group ?? "app") === s.group && readMarks(m.config.metadata)?.wave === w.index
        );
        if (i >= 0) {
          createdMachines.splice(i, 1);
          done.add(s.key);
        }
      }
    }
  }
  const applied = plan.waves.filter(
    (w) => w.regions.some(
      (r) => r.batches.flat().some((s) => done.has(s.action === "~" ? s.machineId : s.key))
    )
  );
  return { plan, done, created, fromWave: applied.at(-1)?.index ?? 0 };
}
async function rollbackRollout(ports, input) {
  const machines = await ports.machines.list(input.app);
  const found = findRollout(machines, {
    rolloutId: input.rolloutId,
    allowComplete: true
  });
  if (!found) return void 0;
  const report = await rollBack({
    ports,
    app: input.app,
    rolloutId: found.rolloutId,
    machineDeadlineMs: input.machineDeadlineMs ?? 5 * 6e4,
    minSecretsVersion: input.minSecretsVersion,
    onRestored: input.onRestored
  });
  return { rolloutId: found.rolloutId, report };
}

// src/adapters/fly/machines-api.ts
import { setTimeout as delay } from "node:timers/promises";

// src/adapters/fly/errors.ts
var MAX_SERVER_MESSAGE = 300;
function parseErrorBody(text) {
  const trimmed = text.trim();
  if (!trimmed) return { wrapped: false };
  let json;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { message: trimmed.split("\n")[0], wrapped: false };
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    return { message: trimmed, wrapped: false };
  }
  const o = json;
  const wrapped = o.status === "error" || o.status === "success";
  const str = (v) => typeof v === "string" && v.trim() ? v.trim() : void 0;
  const first = Array.isArray(o.errors) ? o.errors[0] : void 0;
  const message = str(o.error) ?? str(o.message) ?? (first && typeof first === "object" ? str(first.message) : void 0);
  const flyStatus = wrapped ? str(o.code) : str(o.status);
  const out = { wrapped };
  if (message) out.message = message;
  if (flyStatus) out.flyStatus = flyStatus;
  return out;
}
function parseLeaseHolder(message) {
  const m = /lease currently held by (.+?)(?:, expires at (.+))?$/.exec(
    message ?? ""
  );
  if (!m) return {};
  const out = { owner: m[1].trim() };
  const at = m[2]?.trim().replace(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?).*$/, "$1T$2Z");
  const ms2 = at ? Date.parse(at) : NaN;
  if (Number.isFinite(ms2)) out.expiresAt = Math.floor(ms2 / 1e3);
  return out;
}
var NOT_A_LEASE = /* @__PURE__ */ new Set([
  "insufficient_capacity",
  "volume_placement_capacity",
  "name_taken"
]);
function toApiError(res, redact) {
  const parsed = parseErrorBody(res.body);
  const said = parsed.message ? clip(redact(parsed.message)) : void 0;
  const message = `machines api answered ${res.status} to ${res.method} ${res.path}` + (said ? `: ${said}` : "");
  if (res.status === 429) {
    return new RateLimitedError(res.method, res.path, message);
  }
  if (res.status === 409 && !(parsed.flyStatus && NOT_A_LEASE.has(parsed.flyStatus))) {
    return new LeaseConflictError(
      res.method,
      res.path,
      message,
      parseLeaseHolder(said)
    );
  }
  return new FlyApiError(
    res.status,
    res.method,
    res.path,
    parsed.flyStatus,
    message
  );
}
function networkError(method, path, cause, redact, timeoutMs) {
  const code = errorCode(cause);
  const text = redact(describe(cause));
  const message = timeoutMs !== void 0 ? `machines api did not answer ${method} ${path} within ${timeoutMs} ms` : `machines api unreachable for ${method} ${path}: ${text}` + (code && !text.includes(code) ? ` (${code})` : "");
  const safeCause = Object.assign(new Error(text), code ? { code } : {});
  return new FlyApiError(0, method, path, void 0, message, {
    cause: safeCause
  });
}
function unexpectedBody(res, what) {
  return new FlyApiError(
    res.status,
    res.method,
    res.path,
    void 0,
    `machines api answered ${res.status} to ${res.method} ${res.path} with an unexpected body: ${what}`
  );
}
function describe(e) {
  if (e instanceof Error) {
    const inner = e.cause instanceof Error && e.cause.message !== e.message ? `: ${e.cause.message}` : "";
    return `${e.message || e.name}${inner}`;
  }
  return String(e);
}
function errorCode(e) {
  for (let cur = e, i = 0; cur && i < 4; i++) {
    const code = cur.code;
    if (typeof code === "string" && code) return code;
    cur = cur.cause;
  }
  return void 0;
}
function clip(s) {
  return s.length > MAX_SERVER_MESSAGE ? `${s.slice(0, MAX_SERVER_MESSAGE)}\u2026` : s;
}

// src/adapters/fly/wire.ts
var COMPAT_CHECK_PREFIX = "bg_deployments_compat";
var CHECK_STATUSES = /* @__PURE__ */ new Set([
  "passing",
  "warning",
  "critical"
]);
var WireShapeError = class extends Error {
};
function obj(v, what) {
  if (isObject(v)) return v;
  throw new WireShapeError(`${what} is not an object`);
}
function list(v, what) {
  if (v === void 0 || v === null) return [];
  if (Array.isArray(v)) return v;
  throw new WireShapeError(`${what} is not a list`);
}
function optStr(o, key, what) {
  const v = o[key];
  if (v === void 0 || v === null) return void 0;
  if (typeof v === "string") return v;
  throw new WireShapeError(`${what}.${key} is not a string`);
}
function optNum(o, key, what) {
  const v = o[key];
  if (v === void 0 || v === null) return void 0;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  throw new WireShapeError(`${what}.${key} is not a number`);
}
function optBool(o, key, what) {
  const v = o[key];
  if (v === void 0 || v === null) return void 0;
  if (typeof v === "boolean") return v;
  throw new WireShapeError(`${what}.${key} is not a boolean`);
}
function optObj(o, key, what) {
  const v = o[key];
  if (v === void 0 || v === null) return void 0;
  return obj(v, `${what}.${key}`);
}
function toCheckResult(c) {
  const o = obj(c, "a check");
  const raw = optStr(o, "status", "a check");
  const status = CHECK_STATUSES.has(raw) ? raw : "critical";
  const out = { name: optStr(o, "name", "a check") ?? "", status };
  const output = optStr(o, "output", "a check");
  if (output !== void 0) out.output = output;
  const updatedAt = optStr(o, "updated_at", "a check");
  if (updatedAt !== void 0) out.updatedAt = updatedAt;
  return out;
}
function toMachineEvent(e) {
  const o = obj(e, "an event");
  const out = {
    type: optStr(o, "type", "an event") ?? "",
    status: optStr(o, "status", "an event") ?? "",
    timestamp: optNum(o, "timestamp", "an event") ?? 0
  };
  const id = optStr(o, "id", "an event");
  if (id !== void 0) out.id = id;
  const req = isObject(e.request) ? e.request : void 0;
  const exit = isObject(req?.exit_event) ? req.exit_event : void 0;
  if (typeof exit?.exit_code === "number") out.exitCode = exit.exit_code;
  if (typeof exit?.restarting === "boolean") out.restarting = exit.restarting;
  if (typeof exit?.oom_killed === "boolean") out.oomKilled = exit.oom_killed;
  if (typeof exit?.requested_stop === "boolean") {
    out.requestedStop = exit.requested_stop;
  }
  if (typeof req?.restart_count === "number") {
    out.restartCount = req.restart_count;
  }
  return out;
}
function toMachineView(m) {
  const o = obj(m, "a machine");
  const at = "a machine";
  const hostStatus = optStr(o, "host_status", at) ?? "ok";
  const full = optObj(o, "config", at);
  const partial = optObj(o, "incomplete_config", at);
  const incomplete = hostStatus !== "ok" || full === void 0 && partial !== void 0;
  const config = hostStatus !== "ok" ? partial ?? full : full ?? partial;
  const imageRef = optObj(o, "image_ref", at);
  const view = {
    id: optStr(o, "id", at) ?? "",
    name: optStr(o, "name", at) ?? "",
    region: optStr(o, "region", at) ?? "",
    state: optStr(o, "state", at) ?? "",
    version: optStr(o, "instance_id", at) ?? "",
    imageDigest: (imageRef && optStr(imageRef, "digest", `${at}.image_ref`)) ?? "",
    config: config ?? {},
    configIncomplete: incomplete,
    hostStatus,
    cordoned: optBool(o, "cordoned", at) ?? false,
    checks: list(o.checks, `${at}.checks`).map((c) => toCheckResult(c)).filter((c) => !c.name.startsWith(COMPAT_CHECK_PREFIX)),
    events: list(o.events, `${at}.events`).map(
      (e) => toMachineEvent(e)
    )
  };
  const createdAt = optStr(o, "created_at", at);
  if (createdAt !== void 0) view.createdAt = createdAt;
  const updatedAt = optStr(o, "updated_at", at);
  if (updatedAt !== void 0) view.updatedAt = updatedAt;
  return view;
}
function toWireConfig(c) {
  return c;
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// src/adapters/fly/machines-api.ts
var NONCE_HEADER = "fly-machine-lease-nonce";
var WAIT_MAX_S = 60;
function createFlyMachinesApi(options) {
  const base = options.baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms2) => delay(ms2));
  const random = options.random ?? Math.random;
  const log = options.logger;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const maxLimited = Math.max(1, options.maxRateLimitedAttempts ?? 12);
  const baseMs = options.backoff?.baseMs ?? 250;
  const maxMs = options.backoff?.maxMs ?? 1e4;
  const requestTimeoutMs = options.requestTimeoutMs ?? 6e4;
  const authorization = /^(Bearer|FlyV1)\s/i.test(options.token) ? options.token : `Bearer ${options.token}`;
  const tokenParts = [
    options.token,
    options.token.replace(/^(Bearer|FlyV1)\s+/i, ""),
    ...options.token.split(/[\s,]+/).filter((p) => p.length >= 8)
  ];
  const redactWith = (extra = []) => (text) => redactText(text, [...tokenParts, ...extra]);
  const counters = { byOp: {}, retries: 0, rateLimited: 0 };
  const backoffMs = (n) => {
    const d = Math.min(maxMs, baseMs * 2 ** (n - 1));
    return Math.round(d / 2 + random() * (d / 2));
  };
  async function send(call2, redact) {
    const timeoutMs = call2.timeoutMs ?? requestTimeoutMs;
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, timeoutMs);
    timer.unref?.();
    const onAbort = () => abort.abort();
    call2.signal?.addEventListener("abort", onAbort, { once: true });
    const headers = {
      authorization,
      accept: "application/json",
      "user-agent": options.userAgent ?? "fly-rollout"
    };
    if (call2.body !== void 0) headers["content-type"] = "application/json";
    if (call2.nonce) headers[NONCE_HEADER] = call2.nonce;
    try {
      const res = await fetchImpl(base + call2.path, {
        method: call2.method,
        headers,
        body: call2.body === void 0 ? void 0 : JSON.stringify(call2.body),
        signal: abort.signal
      });
      return { status: res.status, text: await res.text() };
    } catch (e) {
      if (call2.signal?.aborted) throw call2.signal.reason;
      throw networkError(
        call2.method,
        call2.path,
        e,
        redact,
        timedOut ? timeoutMs : void 0
      );
    } finally {
      clearTimeout(timer);
      call2.signal?.removeEventListener("abort", onAbort);
    }
  }
  async function request(call2) {
    const redact = redactWith(call2.secrets);
    let failures = 0;
    let limited = 0;
    let mayHaveApplied = false;
    for (let attempt = 1; ; attempt++) {
      counters.byOp[call2.op] = (counters.byOp[call2.op] ?? 0) + 1;
      let raw;
      try {
        raw = await send(call2, redact);
      } catch (e) {
        if (call2.signal?.aborted) throw e;
        if (!call2.safe || failures + 1 >= maxAttempts) throw e;
        failures++;
        mayHaveApplied = true;
        await retryAfter(call2, attempt, failures, "no answer");
        continue;
      }
      const { status, text } = raw;
      if (status >= 200 && status < 300 || call2.accept?.includes(status)) {
        return { status, body: parseJson(text) };
      }
      if (mayHaveApplied && call2.doneAfterRetry?.includes(status)) {
        return { status, body: void 0 };
      }
      if (status === 429) {
        counters.rateLimited++;
        if (limited + 1 < maxLimited) {
          limited++;
          await retryAfter(call2, attempt, limited, "429");
          continue;
        }
      } else if (status >= 500 && call2.safe && failures + 1 < maxAttempts) {
        failures++;
        mayHaveApplied = true;
        await retryAfter(call2, attempt, failures, String(status));
        continue;
      }
      throw toApiError(
        { status, method: call2.method, path: call2.path, body: text },
        redact
      );
    }
  }
  async function retryAfter(call2, attempt, n, why) {
    counters.retries++;
    const ms2 = backoffMs(n);
    log?.debug(
      `retrying ${call2.method} ${call2.path} after ${why} (attempt ${attempt + 1}) in ${ms2} ms`
    );
    await sleep(ms2);
  }
  const appPath = (app) => `/v1/apps/${enc(app)}`;
  const machinePath = (app, id, rest = "") => `${appPath(app)}/machines/${enc(id)}${rest}`;
  function expectObject(answer, call2, what) {
    const b = answer.body;
    if (!b || typeof b !== "object" || Array.isArray(b)) {
      throw unexpectedBody(
        { status: answer.status, method: call2.method, path: call2.path },
        `expected ${what}`
      );
    }
    return b;
  }
  function expectArray(answer, call2, what) {
    if (!Array.isArray(answer.body)) {
      throw unexpectedBody(
        { status: answer.status, method: call2.method, path: call2.path },
        `expected ${what}`
      );
    }
    return answer.body;
  }
  function shaped(answer, c, read) {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof WireShapeError)) throw e;
      throw unexpectedBody(
        { status: answer.status, method: c.method, path: c.path },
        e.message
      );
    }
  }
  async function call(c, shape, what = "a JSON body", read) {
    const answer = await request(c);
    if (shape === "none")
      return { status: answer.status, value: void 0 };
    const value = shape === "array" ? expectArray(answer, c, what) : expectObject(answer, c, what);
    return {
      status: answer.status,
      value: read ? shaped(answer, c, () => read(value)) : value
    };
  }
  function leaseOf(answer, c) {
    const o = expectObject(answer, c, "a lease");
    if (o.status === "error") {
      throw toApiError(
        {
          status: answer.status,
          method: c.method,
          path: c.path,
          body: JSON.stringify(o)
        },
        redactWith()
      );
    }
    const data = o.data && typeof o.data === "object" && !Array.isArray(o.data) ? o.data : o;
    return shaped(answer, c, () => {
      const l = data;
      const out = {};
      const nonce = optStr(l, "nonce", "the lease");
      if (nonce !== void 0) out.nonce = nonce;
      const expiresAt = optNum(l, "expires_at", "the lease");
      if (expiresAt !== void 0) out.expires_at = expiresAt;
      const owner = optStr(l, "owner", "the lease");
      if (owner !== void 0) out.owner = owner;
      const description = optStr(l, "description", "the lease");
      if (description !== void 0) out.description = description;
      return out;
    });
  }
  function toLease(l, answer, c) {
    if (typeof l.nonce !== "string" || !l.nonce) {
      throw unexpectedBody(
        { status: answer.status, method: c.method, path: c.path },
        "the lease has no nonce"
      );
    }
    return { nonce: l.nonce, expiresAt: l.expires_at ?? 0 };
  }
  async function readHolder(app, id) {
    const c = {
      op: "Machines_show_lease",
      method: "GET",
      path: machinePath(app, id, "/lease"),
      safe: true,
      accept: [404]
    };
    const answer = await request(c);
    if (answer.status === 404) return void 0;
    const l = leaseOf(answer, c);
    return {
      owner: l.owner ?? "",
      description: l.description ?? "",
      expiresAt: l.expires_at ?? 0
    };
  }
  async function withHolder(app, id, fn) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof LeaseConflictError)) throw e;
      const holder = await readHolder(app, id).catch(() => void 0);
      if (!holder) throw e;
      const merged = { ...e.holder };
      if (holder.owner) merged.owner = holder.owner;
      if (holder.description) merged.description = holder.description;
      if (holder.expiresAt) merged.expiresAt = holder.expiresAt;
      throw new LeaseConflictError(e.method, e.path, e.message, merged, {
        cause: e
      });
    }
  }
  const machines = {
    async list(app, filter) {
      const q = new URLSearchParams();
      if (filter?.region) q.set("region", filter.region);
      if (filter?.summary) q.set("summary", "true");
      for (const [k, v] of Object.entries(filter?.metadata ?? {})) {
        q.append(`metadata.${k}`, v);
      }
      const qs = q.toString();
      const { value } = await call(
        {
          op: "Machines_list",
          method: "GET",
          path: `${appPath(app)}/machines${qs ? `?${qs}` : ""}`,
          safe: true
        },
        "array",
        "a list of machines",
        (v) => v.map(toMachineView)
      );
      return value;
    },
    async get(app, id) {
      const { value } = await call(
        {
          op: "Machines_show",
          method: "GET",
          path: machinePath(app, id),
          safe: true
        },
        "object",
        "a machine",
        toMachineView
      );
      return value;
    },
    async create(app, req) {
      const body = {
        config: toWireConfig(req.config),
        region: req.region,
        name: req.name,
        skip_launch: req.skipLaunch,
        min_secrets_version: req.minSecretsVersion,
        lease_ttl: req.leaseTtlS
      };
      const { value } = await call(
        {
          op: "Machines_create",
          method: "POST",
          path: `${appPath(app)}/machines`,
          body,
          // Never repeated after a 5xx or no answer: the machine may exist.
          safe: false
        },
        "object",
        "a machine",
        (m) => {
          const view = toMachineView(m);
          const nonce = optStr(
            m,
            "nonce",
            "a machine"
          );
          if (nonce) view.nonce = nonce;
          return view;
        }
      );
      return value;
    },
    async update(app, id, req, nonce) {
      const body = {
        config: toWireConfig(req.config),
        current_version: req.currentVersion,
        skip_launch: req.skipLaunch,
        min_secrets_version: req.minSecretsVersion
      };
      const { value } = await call(
        {
          op: "Machines_update",
          method: "POST",
          path: machinePath(app, id),
          body,
          nonce,
          // Never repeated after a 5xx or no answer: it may have been applied
          // (a new version, a reboot); the orchestrator re-reads and reconciles.
          safe: false
        },
        "object",
        "a machine",
        toMachineView
      );
      return value;
    },
    async destroy(app, id, opts, nonce) {
      await call(
        {
          op: "Machines_delete",
          method: "DELETE",
          path: machinePath(app, id, opts?.force ? "?force=true" : ""),
          nonce,
          safe: true,
          // A 404 after a retry: the first attempt destroyed it.
          doneAfterRetry: [404]
        },
        "none"
      );
    },
    async start(app, id, nonce) {
      await call(
        {
          op: "Machines_start",
          method: "POST",
          path: machinePath(app, id, "/start"),
          nonce,
          safe: true,
          // A 412 after a retry: the first attempt started it.
          doneAfterRetry: [412]
        },
        "none"
      );
    },
    async stop(app, id, nonce) {
      await call(
        {
          op: "Machines_stop",
          method: "POST",
          path: machinePath(app, id, "/stop"),
          nonce,
          safe: true,
          doneAfterRetry: [412]
        },
        "none"
      );
    },
    async suspend(app, id, nonce) {
      await call(
        {
          op: "Machines_suspend",
          method: "POST",
          path: machinePath(app, id, "/suspend"),
          nonce,
          safe: true,
          doneAfterRetry: [412]
        },
        "none"
      );
    },
    async waitFor(app, id, q) {
      const timeoutS = clampWait(q.timeoutS);
      const qs = new URLSearchParams();
      qs.set("state", (q.states.length ? q.states : ["started"]).join(","));
      if (q.version) qs.set("version", q.version);
      qs.set("timeout", String(timeoutS));
      const c = {
        op: "Machines_wait",
        method: "GET",
        path: `${machinePath(app, id, "/wait")}?${qs.toString()}`,
        safe: true,
        // 408 is the long-poll's end, not an error (API-NOTES §5).
        accept: [408],
        timeoutMs: timeoutS * 1e3 + requestTimeoutMs,
        signal: q.signal
      };
      const answer = await request(c);
      if (answer.status === 408) return { ok: false, timedOut: true };
      const w = expectObject(answer, c, "a wait response");
      return shaped(answer, c, () => {
        const o = w;
        if (optBool(o, "ok", "a wait response") === false)
          return { ok: false, timedOut: true };
        return {
          ok: true,
          state: optStr(o, "state", "a wait response") ?? "",
          version: optStr(o, "version", "a wait response") ?? ""
        };
      });
    },
    async acquireLease(app, id, ttlS, description) {
      const c = {
        op: "Machines_create_lease",
        method: "POST",
        path: machinePath(app, id, "/lease"),
        body: { ttl: ttlS, description },
        // No nonce creates a lease: after a 5xx it may be ours already, with
        // a nonce we never saw, so it is not repeated.
        safe: false
      };
      return withHolder(app, id, async () => {
        const answer = await request(c);
        return toLease(leaseOf(answer, c), answer, c);
      });
    },
    async refreshLease(app, id, nonce, ttlS) {
      const c = {
        op: "Machines_create_lease",
        method: "POST",
        path: machinePath(app, id, "/lease"),
        body: { ttl: ttlS },
        nonce,
        // With our nonce it only moves the expiry: safe to repeat.
        safe: true
      };
      return withHolder(app, id, async () => {
        const answer = await request(c);
        return toLease(leaseOf(answer, c), answer, c);
      });
    },
    async releaseLease(app, id, nonce) {
      await call(
        {
          op: "Machines_release_lease",
          method: "DELETE",
          path: machinePath(app, id, "/lease"),
          nonce,
          safe: true,
          // No lease (lapsed, released, machine gone): nothing left to release.
          accept: [404]
        },
        "none"
      );
    },
    leaseHolder(app, id) {
      return readHolder(app, id);
    },
    async versions(app, id) {
      const { value } = await call(
        {
          op: "Machines_list_versions",
          method: "GET",
          path: machinePath(app, id, "/versions"),
          safe: true
        },
        "array",
        "a list of versions",
        (vs) => vs.map((x) => {
          const v = obj(x, "a version");
          return {
            version: optStr(v, "version", "a version") ?? "",
            config: optObj(v, "user_config", "a version") ?? {}
          };
        })
      );
      return value;
    },
    async setMetadata(app, id, kv, nonce) {
      const body = { metadata: kv };
      await call(
        {
          op: "Machines_update_metadata",
          method: "PATCH",
          path: machinePath(app, id, "/metadata"),
          body,
          nonce,
          // Setting the same keys again changes nothing: safe to repeat.
          safe: true
        },
        "none"
      );
    },
    async events(app, id, limit) {
      const qs = limit === void 0 ? "" : `?limit=${Math.max(1, limit)}`;
      const { value } = await call(
        {
          op: "Machines_list_events",
          method: "GET",
          path: machinePath(app, id, `/events${qs}`),
          safe: true
        },
        "array",
        "a list of events",
        (es) => es.map(toMachineEvent)
      );
      return value;
    }
  };
  const apps = {
    async get(app) {
      const c = {
        op: "Apps_show",
        method: "GET",
        path: appPath(app),
        safe: true,
        accept: [404]
      };
      const answer = await request(c);
      if (answer.status === 404) return void 0;
      const a = expectObject(answer, c, "an app");
      return shaped(answer, c, () => toAppSummary(a, app, ""));
    },
    async create(app, org) {
      try {
        await call(
          {
            op: "Apps_create",
            method: "POST",
            path: "/v1/apps",
            body: { name: app, org_slug: org },
            // A repeat after a 5xx would answer name_taken for our own app.
            safe: false
          },
          "none"
        );
      } catch (e) {
        if (e instanceof FlyApiError && e.status === 422 && e.flyStatus === "name_taken") {
          throw new AppNameTakenError(app, e.method, e.path, e.message, {
            cause: e
          });
        }
        throw e;
      }
    },
    async destroy(app) {
      await call(
        {
          op: "Apps_delete",
          method: "DELETE",
          path: appPath(app),
          safe: true,
          doneAfterRetry: [404]
        },
        "none"
      );
    },
    async list(org) {
      const { value } = await call(
        {
          op: "Apps_list",
          method: "GET",
          path: `/v1/apps?org_slug=${enc(org)}`,
          safe: true
        },
        "object",
        "a list of apps",
        (v) => list(v.apps, "apps").map((a) => toAppSummary(a, "", org))
      );
      return value;
    },
    async assignIp(app, type, opts) {
      const body = {
        type,
        region: opts?.region,
        service_name: opts?.serviceName
      };
      const { value } = await call(
        {
          op: "App_IPAssignments_create",
          method: "POST",
          path: `${appPath(app)}/ip_assignments`,
          body,
          // A repeat could allocate a second address.
          safe: false
        },
        "object",
        "an IP assignment",
        toIpAssignment
      );
      return value;
    },
    async listIps(app) {
      const { value } = await call(
        {
          op: "App_IPAssignments_list",
          method: "GET",
          path: `${appPath(app)}/ip_assignments`,
          safe: true
        },
        "object",
        "a list of IP assignments",
        (v) => list(v.ips, "ips").map(toIpAssignment)
      );
      return value;
    }
  };
  const postgresPath = (cluster) => `/v1/postgres/${enc(cluster)}`;
  const postgres = {
    async attach(cluster, app) {
      const body = { app_name: app };
      await call(
        {
          op: "Postgres_attachments_create",
          method: "POST",
          path: `${postgresPath(cluster)}/attachments`,
          body,
          // Idempotent by app name: a repeat answers 200 "already attached".
          safe: true
        },
        "none"
      );
    },
    async detach(cluster, app) {
      await call(
        {
          op: "Postgres_attachments_delete",
          method: "DELETE",
          path: `${postgresPath(cluster)}/attachments/${enc(app)}`,
          safe: true,
          // A 404 after a retry: the first attempt detached it.
          doneAfterRetry: [404]
        },
        "none"
      );
    }
  };
  const secrets = {
    async set(app, values) {
      const body = { values };
      const { value } = await call(
        {
          op: "Secrets_update",
          method: "POST",
          path: `${appPath(app)}/secrets`,
          body,
          // Values are absolute, so a repeat leaves the same secrets (with a
          // version at least as new): safe to repeat.
          safe: true,
          secrets: Object.values(values).filter(
            (v) => typeof v === "string"
          )
        },
        "object",
        "a secrets update response"
      );
      const version = value.version ?? value.Version;
      if (typeof version !== "number" || !Number.isFinite(version)) {
        throw unexpectedBody(
          { status: 200, method: "POST", path: `${appPath(app)}/secrets` },
          "no secrets version"
        );
      }
      return { version };
    },
    async list(app) {
      const { value } = await call(
        {
          op: "Secrets_list",
          method: "GET",
          path: `${appPath(app)}/secrets`,
          safe: true
        },
        "object",
        "a list of secrets",
        (v) => list(v.secrets, "secrets").map((x) => {
          const s = obj(x, "a secret");
          return {
            name: optStr(s, "name", "a secret") ?? "",
            digest: optStr(s, "digest", "a secret") ?? ""
          };
        })
      );
      return value;
    }
  };
  const volumes = {
    async create(app, v) {
      const { value } = await call(
        {
          op: "Volumes_create",
          method: "POST",
          path: `${appPath(app)}/volumes`,
          body: { name: v.name, region: v.region, size_gb: v.sizeGb },
          // A repeat would make a second volume.
          safe: false
        },
        "object",
        "a volume"
      );
      if (!value.id || typeof value.id !== "string") {
        throw unexpectedBody(
          { status: 200, method: "POST", path: `${appPath(app)}/volumes` },
          "the volume has no id"
        );
      }
      return { id: value.id };
    },
    async destroy(app, id) {
      await call(
        {
          op: "Volume_delete",
          method: "DELETE",
          path: `${appPath(app)}/volumes/${enc(id)}`,
          safe: true,
          doneAfterRetry: [404]
        },
        "none"
      );
    }
  };
  const platform = {
    async regions() {
      const { value } = await call(
        {
          op: "Platform_regions_get",
          method: "GET",
          path: "/v1/platform/regions",
          safe: true
        },
        "object",
        "a list of regions",
        (v) => list(v.regions, "regions").map((r) => optStr(obj(r, "a region"), "code", "a region") ?? "").filter((c) => c !== "")
      );
      return value;
    }
  };
  return {
    machines,
    apps,
    secrets,
    volumes,
    platform,
    postgres,
    stats() {
      return {
        byOp: { ...counters.byOp },
        retries: counters.retries,
        rateLimited: counters.rateLimited
      };
    }
  };
}
function clampWait(timeoutS) {
  if (!Number.isFinite(timeoutS)) return WAIT_MAX_S;
  return Math.min(WAIT_MAX_S, Math.max(1, Math.ceil(timeoutS)));
}
function toIpAssignment(w) {
  const o = obj(w, "an IP assignment");
  const at = "an IP assignment";
  const out = {
    ip: optStr(o, "ip", at) ?? "",
    region: optStr(o, "region", at) ?? "",
    shared: optBool(o, "shared", at) ?? false
  };
  const serviceName = optStr(o, "service_name", at);
  if (serviceName) out.serviceName = serviceName;
  const createdAt = optStr(o, "created_at", at);
  if (createdAt) out.createdAt = createdAt;
  return out;
}
function toAppSummary(a, name, org) {
  const o = obj(a, "an app");
  const organization = optObj(o, "organization", "an app");
  return {
    name: optStr(o, "name", "an app") ?? name,
    org: (organization && optStr(organization, "slug", "an app.organization")) ?? org,
    status: optStr(o, "status", "an app") ?? ""
  };
}
function enc(segment) {
  return encodeURIComponent(segment);
}
function parseJson(text) {
  if (!text.trim()) return void 0;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// src/adapters/fly/registry.ts
var DIGEST_REF = /^(.+?)(?::[\w][\w.-]{0,127})?@(sha256:[a-f0-9]{64})$/;
async function resolveImageDigest(ref, opts) {
  const pinned = DIGEST_REF.exec(ref.trim());
  if (pinned) return { image: `${pinned[1]}@${pinned[2]}`, digest: pinned[2] };
  const m = /^registry\.fly\.io\/([a-z0-9._/-]+?)(?::([\w][\w.-]{0,127}))?$/.exec(
    ref.trim()
  );
  if (!m) {
    throw new InputError([
      `image ${ref} is not on registry.fly.io and not pinned by digest: give it as <image>@sha256:<digest> so the rollout cannot deploy a moving tag`
    ]);
  }
  const [, repo, tag = "latest"] = m;
  const base = (opts.registryUrl ?? "https://registry.fly.io").replace(
    /\/$/,
    ""
  );
  const path = `/v2/${repo}/manifests/${tag}`;
  const res = await (opts.fetch ?? fetch)(`${base}${path}`, {
    method: "HEAD",
    headers: {
      authorization: `Basic ${Buffer.from(`x:${opts.token}`).toString("base64")}`,
      accept: [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json"
      ].join(", ")
    }
  });
  const digest = res.headers.get("docker-content-digest") ?? "";
  if (!res.ok || !/^sha256:[a-f0-9]{64}$/.test(digest)) {
    throw new FlyApiError(
      res.status,
      "HEAD",
      path,
      void 0,
      res.status === 404 ? `image ${ref} was not found in the registry` : `could not resolve ${ref} to a digest (HTTP ${res.status})`
    );
  }
  return { image: `registry.fly.io/${repo}@${digest}`, digest };
}

// src/adapters/probe/http-prober.ts
import http from "node:http";
import https from "node:https";
var ROUTING_HEADERS = /* @__PURE__ */ new Set([
  "host",
  "fly-force-instance-id",
  "fly-force-region",
  "fly-prefer-instance-id",
  "fly-prefer-region"
]);
var MAX_BODY_BYTES = 64 * 1024;
function createHttpProber(options) {
  const hostFor = options.hostFor ?? ((app) => `${app}.fly.dev`);
  const now = options.now;
  const sleep = options.sleep ?? ((ms2, signal) => new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms2);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true }
    );
  }));
  const identity = options.identity === false ? void 0 : {
    machine: (options.identity?.machineHeader ?? "x-fly-machine-id").toLowerCase(),
    version: (options.identity?.versionHeader ?? "x-fly-machine-version").toLowerCase()
  };
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  function probe(app, target, spec, signal) {
    signal?.throwIfAborted();
    const host = hostFor(app);
    const url = new URL(options.edgeUrl ?? `https://${host}`);
    const secure = url.protocol === "https:";
    const headers = {};
    for (const [k, v] of Object.entries(spec.headers ?? {})) {
      if (!ROUTING_HEADERS.has(k.toLowerCase())) headers[k] = v;
    }
    headers.host = host;
    if ("machineId" in target) {
      headers["fly-force-instance-id"] = target.machineId;
    } else headers["fly-force-region"] = target.region;
    const path = spec.path.startsWith("/") ? spec.path : `/${spec.path}`;
    const at = now();
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = new AbortController();
      const finish = (s) => {
        if (settled) return;
        settled = true;
        timer.abort();
        signal?.removeEventListener("abort", onAbort);
        resolve({
          at,
          latencyMs: Math.max(
            0,
            Math.round((performance.now() - t0) * 10) / 10
          ),
          ...s
        });
      };
      const onAbort = () => {
        if (settled) return;
        settled = true;
        timer.abort();
        req.destroy();
        reject(signal?.reason);
      };
      const req = (secure ? https : http).request({
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port || void 0,
        method: spec.method,
        path,
        headers,
        agent: secure ? httpsAgent : httpAgent,
        ...secure ? { servername: host } : {}
      });
      req.once("response", (res) => {
        const out = {
          status: res.statusCode ?? 0
        };
        if (identity) {
          const id = headerOf(res.headers, identity.machine);
          const version = headerOf(res.headers, identity.version);
          if (id) out.machineId = id;
          if (version) out.version = version;
        }
        let read = 0;
        res.on("data", (chunk) => {
          read += chunk.length;
          if (read > MAX_BODY_BYTES) {
            res.destroy();
            finish(out);
          }
        });
        res.once("end", () => finish(out));
        res.on(
          "error",
          (e) => finish({ ...out, error: `answer cut short: ${e.message}` })
        );
        res.once("close", () => finish(out));
      });
      req.on("error", (e) => finish({ status: 0, error: transportError(e) }));
      signal?.addEventListener("abort", onAbort, { once: true });
      sleep(spec.timeoutMs, timer.signal).then(
        () => {
          if (settled) return;
          finish({ status: 0, error: `timeout after ${spec.timeoutMs} ms` });
          req.destroy();
        },
        () => void 0
      );
      req.end();
    });
  }
  return {
    probe,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    }
  };
}
function headerOf(headers, name) {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? s.trim() : void 0;
}
function transportError(e) {
  const code = e.code;
  return typeof code === "string" && !e.message.includes(code) ? `${e.message} (${code})` : e.message || String(code ?? "transport error");
}

// src/adapters/runtime/node.ts
import { randomBytes } from "node:crypto";
var MAX_TIMER_MS = 2 ** 31 - 1;
function createNodeClock() {
  return {
    now: () => Date.now(),
    sleep: (ms2, signal) => new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let t;
      const arm = (left) => {
        t = setTimeout(
          () => {
            if (left > MAX_TIMER_MS) return arm(left - MAX_TIMER_MS);
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
          Math.min(left, MAX_TIMER_MS)
        );
      };
      const onAbort = () => {
        clearTimeout(t);
        reject(signal.reason);
      };
      arm(Math.max(0, ms2));
      signal?.addEventListener("abort", onAbort, { once: true });
    })
  };
}
var CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
function newUlid(now = Date.now()) {
  let t = now;
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[t % 32] + head;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let tail = "";
  for (let i = 0; i < 16; i++) tail += CROCKFORD[bytes[i] % 32];
  return head + tail;
}
export {
  FlyApiError,
  FlyRolloutError,
  InputError,
  LeaseConflictError,
  PlanError,
  RateLimitedError,
  StateConflictError,
  VERSION,
  configHash,
  createFlyMachinesApi,
  createHttpProber,
  createNodeClock,
  deploySettings,
  errorMessage,
  findRollout,
  formatDiagnostic,
  hasErrors,
  inFlightRollouts,
  makeRelease,
  newUlid,
  normalizeConfig,
  parseFlyToml,
  parseRolloutSpec,
  planRollout,
  prepareResume,
  renderPlanText,
  resolveImageDigest,
  rollbackRollout,
  runRollout,
  toMachineConfigs,
  toReleaseCommandConfig
};
