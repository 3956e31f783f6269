#include "searcher/result_json.h"

#include <concepts>
#include <initializer_list>

// SSE2 is in every x86-64: RapidJSON then skips runs of plain characters
// 16 bytes at a time.
#if defined(__x86_64__)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/fields.h"
#include "core/utf8.h"

namespace notesearch {

namespace {

// JSON written as it goes into one buffer by RapidJSON's streaming writer.
// A tree of nlohmann values built and then serialised cost more than a
// quarter of an HTTP search (allocations per value, a UTF-8 decoder per
// byte); this writes each byte about once.
class JsonText {
 public:
  template <typename Value>
  JsonText& Member(std::string_view key, const Value& value) {
    Key(key);
    Write(value);
    return *this;
  }
  // A member whose value `write_value` writes.
  template <std::invocable WriteValue>
  JsonText& Member(std::string_view key, WriteValue&& write_value) {
    Key(key);
    write_value();
    return *this;
  }
  template <std::invocable WriteMembers>
  void Object(WriteMembers&& write_members) {
    writer_.StartObject();
    write_members();
    writer_.EndObject();
  }
  template <typename Items, typename WriteItem>
  void Array(const Items& items, WriteItem&& write_item) {
    writer_.StartArray();
    for (const auto& item : items) write_item(item);
    writer_.EndArray();
  }

  void Write(std::string_view text) {
    if (IsValidUtf8(text)) {
      writer_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    } else {
      const std::string valid = ToValidUtf8(text);
      writer_.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
    }
  }
  void Write(const char* text) { Write(std::string_view(text)); }
  void Write(const std::string& text) { Write(std::string_view(text)); }
  void Write(double number) { writer_.Double(number); }
  void Write(std::unsigned_integral auto number) { writer_.Uint64(number); }
  void Write(std::signed_integral auto number) { writer_.Int64(number); }
  void Write(const std::vector<std::string>& texts) {
    Array(texts, [this](const std::string& text) { Write(text); });
  }

  std::string Take() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  // Keys are this file's own ASCII names (or field names from core/fields.h).
  void Key(std::string_view key) { writer_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size())); }

  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_{buffer_};
};

void WriteHighlights(JsonText& out, std::string_view text, const std::vector<Span>& spans) {
  out.Array(ToCodePointSpans(text, spans), [&out](const Span& span) {
    out.Array(std::initializer_list<std::uint32_t>{span.first, span.second}, [&out](std::uint32_t at) { out.Write(at); });
  });
}

void WriteEntities(JsonText& out, const EntityNames& entities) {
  for (const Field* field : NamedValueFields()) out.Member(field->names_key, entities.*field->names);
}

// The members every shape of a block has: a hit's, a bullet view's;
// `after_text` writes what a hit has between the text and the context.
template <std::invocable AfterText>
void WriteBlockMembers(JsonText& out, const StoredBlock& stored, AfterText&& after_text) {
  const Block& block = stored.block;
  out.Member("file", stored.file)
      .Member("line", block.line)
      .Member("kind", BlockKindName(block.kind))
      .Member("depth", block.depth)
      .Member("text", block.text);
  after_text();
  out.Member("context", [&] {
    out.Array(block.Context(), [&out](const ContextLine& line) {
      out.Object([&] { out.Member("kind", BlockKindName(line.kind)).Member("line", line.line).Member("text", line.text); });
    });
  });
  out.Member("links", [&] {
    out.Array(block.links, [&out](const Link& link) {
      out.Object([&] { out.Member("text", link.text).Member("url", link.url); });
    });
  });
  WriteEntities(out, block.entities);
  out.Member("inherited", [&] { out.Object([&] { WriteEntities(out, block.inherited); }); });
}

void WriteHit(JsonText& out, const Hit& hit) {
  out.Object([&] {
    WriteBlockMembers(out, hit.stored, [&] {
      out.Member("score", hit.score).Member("highlights", [&] {
        WriteHighlights(out, hit.stored.block.text, hit.highlights);
      });
    });
    if (hit.snippet) {
      out.Member("snippet", [&] {
        out.Object([&] {
          out.Member("text", hit.snippet->text).Member("highlights", [&] {
            WriteHighlights(out, hit.snippet->text, hit.snippet->highlights);
          });
        });
      });
    }
    if (!hit.also.empty()) {
      out.Member("also", [&] {
        out.Array(hit.also, [&out](const auto& place) {
          out.Object([&] { out.Member("file", place.first).Member("line", place.second); });
        });
      });
    }
  });
}

void WriteFacets(JsonText& out, const std::vector<Facet>& facets) {
  out.Object([&] {
    for (const Facet& facet : facets) {
      out.Member(facet.field, [&] {
        out.Array(facet.values, [&out](const FacetValue& v) {
          out.Object([&] { out.Member("value", v.value).Member("count", v.count); });
        });
      });
    }
  });
}

}  // namespace

std::string ToJson(const SearchResponse& response) {
  JsonText out;
  out.Object([&] {
    out.Member("query", response.query)
        .Member("total", response.total)
        .Member("total_bullets", response.total_bullets)
        .Member("offset", response.offset)
        .Member("limit", response.limit)
        .Member("notices", response.notices)
        .Member("filters", [&] {
          out.Object([&] {
            for (const auto& [field, values] : response.filters) out.Member(field, values);
          });
        })
        .Member("facets", [&] { WriteFacets(out, response.facets); })
        .Member("hits", [&] { out.Array(response.hits, [&out](const Hit& hit) { WriteHit(out, hit); }); });
    if (response.corrected) out.Member("corrected", *response.corrected);
  });
  return out.Take();
}

std::string ToJson(const std::vector<Facet>& facets) {
  JsonText out;
  WriteFacets(out, facets);
  return out.Take();
}

std::string ToJson(const BlockView& view) {
  JsonText out;
  out.Object([&] {
    WriteBlockMembers(out, view.stored, [] {});
    out.Member("children", [&] {
      out.Array(view.children, [&out](const StoredBlock& child) {
        out.Object([&] {
          out.Member("line", child.block.line)
              .Member("kind", BlockKindName(child.block.kind))
              .Member("text", child.block.text);
        });
      });
    });
  });
  return out.Take();
}

std::string ToJson(const IndexStats& stats) {
  JsonText out;
  out.Object([&] {
    out.Member("databases", stats.databases)
        .Member("roots", stats.roots)
        .Member("files", stats.files)
        .Member("documents", stats.documents)
        .Member("bullets", stats.bullets)
        .Member("paragraphs", stats.paragraphs)
        .Member("headings", stats.headings)
        .Member("skipped", [&] {
          out.Object([&] {
            out.Member("empty_bullets", stats.skipped_empty).Member("wordless_bullets", stats.skipped_wordless);
          });
        })
        .Member("terms", stats.terms)
        .Member("disk_bytes", stats.disk_bytes)
        .Member("last_indexed", stats.last_indexed)
        .Member("language", stats.language);
  });
  return out.Take();
}

std::string ToJson(std::string_view query, const std::vector<Suggestion>& suggestions) {
  JsonText out;
  out.Object([&] {
    out.Member("query", query).Member("suggestions", [&] {
      out.Array(suggestions, [&out](const Suggestion& s) {
        out.Object([&] { out.Member("text", s.text).Member("kind", s.kind).Member("count", s.count); });
      });
    });
  });
  return out.Take();
}

std::string ErrorJson(std::string_view message) {
  JsonText out;
  out.Object([&] { out.Member("error", message); });
  return out.Take();
}

}  // namespace notesearch
