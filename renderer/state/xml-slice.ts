// The XML editor's calls: read an object's persistent definition, define an edited one (validated by libvirt).
import { create } from 'zustand';
import type { CallInput, CallOutput } from '../../shared/ipc/contract.js';
import type { XmlObject } from '../../shared/ipc/xml-schemas.js';
import { backend } from './backend.js';

interface XmlEditorState {
  read(target: XmlObject): Promise<string>;
  define(input: CallInput<'xml.define'>): Promise<CallOutput<'xml.define'>>;
}

export const useXmlEditor = create<XmlEditorState>()(() => ({
  read: (target) => backend().api['xml.read']({ target }),
  define: (input) => backend().api['xml.define'](input),
}));
