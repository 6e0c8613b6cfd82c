#include "crawl/xml_stream.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <climits>

namespace winnow::crawl {

XmlStream stream_xml(std::string_view xml, const std::string& base_url,
                     const std::function<bool(std::string_view root)>& on_root,
                     const std::function<bool(std::string_view name)>& is_entry,
                     const std::function<void(xmlNode* entry)>& on_entry) {
  XmlStream out;
  if (xml.find("<!ENTITY") != std::string_view::npos) {
    out.entities = true;
    return out;
  }
  const int flags = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  xmlTextReaderPtr reader = xmlReaderForMemory(xml.data(), static_cast<int>(std::min<size_t>(xml.size(), INT_MAX)),
                                               base_url.c_str(), nullptr, flags);
  if (!reader) return out;
  int ret = xmlTextReaderRead(reader);
  while (ret == 1) {
    if (xmlTextReaderNodeType(reader) == XML_READER_TYPE_ELEMENT) {
      const char* name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader));
      std::string_view n = name ? name : "";
      if (!out.read) {
        out.read = true;
        out.root = std::string(n);
        if (!on_root(n)) {
          out.refused = true;
          break;
        }
      } else if (is_entry(n)) {
        if (xmlNode* node = xmlTextReaderExpand(reader)) on_entry(node);
        ret = xmlTextReaderNext(reader);  // past the entry, its subtree freed
        continue;
      }
    }
    ret = xmlTextReaderRead(reader);
  }
  if (ret < 0 && !out.refused) {
    out.broken = true;
    out.line = xmlTextReaderGetParserLineNumber(reader);
  }
  xmlFreeTextReader(reader);
  return out;
}

std::string node_text(xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  size_t a = s.find_first_not_of(" \t\r\n");
  size_t b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

bool is_element(xmlNode* n, const char* local) {
  return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(local)) == 0;
}

std::string attribute(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

}  // namespace winnow::crawl
