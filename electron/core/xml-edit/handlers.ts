// xml.* calls: the XML editor's read and define.
import type { HandlersOf } from '../calls.js';
import type { XmlEditService } from './xml-edit-service.js';

export function xmlEditHandlers(xml: XmlEditService): HandlersOf<'xml'> {
  return {
    'xml.read': ({ target }) => xml.read(target),
    'xml.define': (input) => xml.define(input),
  };
}
