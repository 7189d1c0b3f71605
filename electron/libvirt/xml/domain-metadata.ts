// VirtDeck's own fields inside <metadata><virtdeck:instance xmlns:virtdeck="https://virtdeck.dev/xmlns/1">.
// Other applications' metadata elements next to it are never touched.
import { XmlModelError } from './errors.js';
import { XmlNodeModel } from './node-model.js';

const INSTANCE = './metadata/virtdeck:instance';
const FIELD_NAME = /^[A-Za-z_][\w.-]*$/;

export class VirtDeckMetadata extends XmlNodeModel {
  /** Text of <virtdeck:KEY>, null when absent. */
  get(key: string): string | null {
    return this.getString(this.fieldPath(key));
  }

  /** Sets <virtdeck:KEY>text</virtdeck:KEY>; null removes it (and the instance element once empty). */
  set(key: string, value: string | null): void {
    if (value === null) this.doc.remove(this.fieldPath(key), this.node);
    else this.setString(this.fieldPath(key), value);
  }

  /** Local names of the fields present. */
  keys(): string[] {
    return this.doc.findElements(INSTANCE, this.node).flatMap((inst) => {
      const names: string[] = [];
      for (let c = inst.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && c.localName) names.push(c.localName);
      return names;
    });
  }

  /** Protected from deletion and destructive actions in VirtDeck. */
  get locked(): boolean {
    return this.get('locked') === 'yes';
  }
  set locked(v: boolean) {
    this.set('locked', v ? 'yes' : null);
  }

  private fieldPath(key: string): string {
    if (!FIELD_NAME.test(key)) throw new XmlModelError(`bad metadata field name ${JSON.stringify(key)}`);
    return `${INSTANCE}/virtdeck:${key}`;
  }
}
