//===- Profile.cpp - Target kernel API profiles from YAML -----------------===//
//
// Reads rewrites/profiles/<name>.yaml with yaml-cpp. yaml-cpp reports errors
// by throwing; every entry point here catches and turns them into
// llvm::Error, so nothing escapes to a caller built around llvm::Expected.
// Errors read "<file>:<line>:<col>: <what>" and name the offending key.
//
//===----------------------------------------------------------------------===//
#include "rewrites/profiles/Profile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <set>

namespace mmapmigrate {

bool Profile::isMmapApi(llvm::StringRef Function) const {
  return !Function.empty() &&
         (Function == MmapHooksTest || Function == MmapCall ||
          llvm::is_contained(MmapApi, Function) || llvm::is_contained(LegacyMmapCalls, Function));
}

namespace {

const char *const TopKeys[] = {
    "name",   "description", "detect",  "slot",    "param_decl",
    "param",  "rename_suffix", "file",  "fields",  "flags",
    "helpers", "actions",    "hooks",   "error_hook", "complete",
    "mapped", "mmap_hooks_test", "mmap_call", "legacy_mmap_calls", "mmap_api",
};
const char *const MappedKeys[] = {"member", "suffix", "params"};
const char *const CompleteKeys[] = {"slot", "suffix", "params", "remap_prepare",
                                    "remap_complete"};
const char *const DetectKeys[] = {"requires", "absent"};
const char *const FlagKeys[] = {"style", "bit",      "set",     "clear",
                                "test",  "test_any", "test_all"};
const char *const HookKeys[] = {"mapped", "mmap_complete"};
const char *const ActionNames[] = {"remap",          "remap_full",
                                   "ioremap",        "ioremap_full",
                                   "simple_ioremap", "map_kernel_pages",
                                   "map_kernel_pages_full"};

llvm::Error makeError(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg.str());
}

/// Reads one profile file; every check reports "<path>:<line>:<col>: ...".
class Reader {
public:
  explicit Reader(std::string Path) : Path(std::move(Path)) {}

  llvm::Error read(const YAML::Node &Root, Profile &P);

private:
  std::string Path;

  llvm::Error fail(const YAML::Node &At, const llvm::Twine &Msg) const {
    return fail(At.IsDefined() ? At.Mark() : YAML::Mark::null_mark(), Msg);
  }
  llvm::Error fail(const YAML::Mark &M, const llvm::Twine &Msg) const {
    if (M.is_null())
      return makeError(Path + ": " + Msg);
    return makeError(Path + ":" + llvm::Twine(M.line + 1) + ":" +
                     llvm::Twine(M.column + 1) + ": " + Msg);
  }

  template <size_t N>
  llvm::Error checkKeys(const YAML::Node &Map, const char *const (&Known)[N],
                        llvm::StringRef Prefix) const;
  llvm::Error getString(const YAML::Node &Parent, const char *Key,
                        llvm::StringRef Prefix, bool Required,
                        std::string &Out) const;
  llvm::Error getBool(const YAML::Node &Parent, const char *Key,
                      llvm::StringRef Prefix, bool &Out) const;
  llvm::Error getList(const YAML::Node &Parent, const char *Key,
                      llvm::StringRef Prefix, std::vector<std::string> &Out) const;
  llvm::Error getMap(const YAML::Node &Parent, const char *Key, bool Required,
                     std::map<std::string, std::string> &Out) const;
  struct TemplateField {
    const char *Key;
    std::string *Out;
    std::initializer_list<const char *> Allowed; ///< Placeholders it may use.
  };
  /// A section of templates that goes with a hook switch: present exactly
  /// when the switch is on, every key required.
  template <size_t N>
  llvm::Error readHookSection(const YAML::Node &Root, const char *Key, llvm::StringRef Switch,
                              bool On, const char *const (&Known)[N],
                              std::initializer_list<TemplateField> Fields) const;
  llvm::Error checkTemplate(const YAML::Node &At, llvm::StringRef Key,
                            llvm::StringRef Template,
                            std::initializer_list<const char *> Allowed) const;
};

template <size_t N>
llvm::Error Reader::checkKeys(const YAML::Node &Map,
                              const char *const (&Known)[N],
                              llvm::StringRef Prefix) const {
  for (const auto &KV : Map) {
    if (!KV.first.IsScalar())
      return fail(KV.first, "a key must be a plain name");
    std::string Key = KV.first.as<std::string>();
    if (std::find_if(std::begin(Known), std::end(Known), [&](const char *K) {
          return Key == K;
        }) != std::end(Known))
      continue;
    std::string List;
    for (const char *K : Known)
      List += (List.empty() ? "" : ", ") + Prefix.str() + K;
    return fail(KV.first, "unknown key '" + Prefix + Key + "' (known: " +
                              List + ")");
  }
  return llvm::Error::success();
}

llvm::Error Reader::getString(const YAML::Node &Parent, const char *Key,
                              llvm::StringRef Prefix, bool Required,
                              std::string &Out) const {
  const YAML::Node N = Parent[Key];
  if (!N.IsDefined() || N.IsNull()) {
    if (Required)
      return fail(N.IsDefined() ? N : Parent,
                  "missing key '" + Prefix + Key + "'");
    Out.clear();
    return llvm::Error::success();
  }
  if (!N.IsScalar())
    return fail(N, "'" + Prefix + Key + "' must be a string");
  Out = N.as<std::string>();
  if (Required && Out.empty())
    return fail(N, "'" + Prefix + Key + "' must not be empty");
  return llvm::Error::success();
}

llvm::Error Reader::getBool(const YAML::Node &Parent, const char *Key,
                            llvm::StringRef Prefix, bool &Out) const {
  const YAML::Node N = Parent[Key];
  if (!N.IsDefined() || N.IsNull()) {
    Out = false;
    return llvm::Error::success();
  }
  if (!N.IsScalar() || !YAML::convert<bool>::decode(N, Out))
    return fail(N, "'" + Prefix + Key + "' must be true or false");
  return llvm::Error::success();
}

llvm::Error Reader::getList(const YAML::Node &Parent, const char *Key,
                            llvm::StringRef Prefix,
                            std::vector<std::string> &Out) const {
  Out.clear();
  const YAML::Node N = Parent[Key];
  if (!N.IsDefined() || N.IsNull())
    return llvm::Error::success();
  if (!N.IsSequence())
    return fail(N, "'" + Prefix + Key + "' must be a list of names");
  for (const auto &Item : N) {
    if (!Item.IsScalar() || Item.as<std::string>().empty())
      return fail(Item, "'" + Prefix + Key + "' must be a list of names");
    Out.push_back(Item.as<std::string>());
  }
  return llvm::Error::success();
}

llvm::Error Reader::getMap(const YAML::Node &Parent, const char *Key,
                           bool Required,
                           std::map<std::string, std::string> &Out) const {
  Out.clear();
  const YAML::Node N = Parent[Key];
  if (!N.IsDefined() || N.IsNull()) {
    if (Required)
      return fail(N.IsDefined() ? N : Parent,
                  llvm::Twine("missing key '") + Key + "'");
    return llvm::Error::success();
  }
  if (!N.IsMap())
    return fail(N, llvm::Twine("'") + Key + "' must be a mapping of name: text");
  for (const auto &KV : N) {
    if (!KV.first.IsScalar())
      return fail(KV.first, llvm::Twine("a key of '") + Key +
                                "' must be a plain name");
    std::string Name = KV.first.as<std::string>();
    if (!KV.second.IsScalar() || KV.second.as<std::string>().empty())
      return fail(KV.second, llvm::Twine("'") + Key + "." + Name +
                                 "' must be a non-empty string");
    Out[Name] = KV.second.as<std::string>();
  }
  return llvm::Error::success();
}

llvm::Error
Reader::checkTemplate(const YAML::Node &At, llvm::StringRef Key,
                      llvm::StringRef Template,
                      std::initializer_list<const char *> Allowed) const {
  std::map<std::string, std::string> Vars;
  for (const char *A : Allowed)
    Vars[A] = "x";
  llvm::Expected<std::string> Filled = fillTemplate(Template, Vars);
  if (Filled)
    return llvm::Error::success();
  std::string Msg = llvm::toString(Filled.takeError());
  std::string List;
  for (const char *A : Allowed)
    List += (List.empty() ? "{" : ", {") + std::string(A) + "}";
  return fail(At, "'" + Key + "': " + Msg +
                      (List.empty() ? " (no placeholders allowed here)"
                                    : " (allowed: " + List + ")"));
}

llvm::Error Reader::read(const YAML::Node &Root, Profile &P) {
  if (!Root.IsDefined() || Root.IsNull())
    return fail(YAML::Mark::null_mark(), "empty profile");
  if (!Root.IsMap())
    return fail(Root, "a profile must be a mapping of keys");
  if (llvm::Error E = checkKeys(Root, TopKeys, ""))
    return E;

  if (llvm::Error E = getString(Root, "name", "", true, P.Name))
    return E;
  if (llvm::Error E = getString(Root, "description", "", true, P.Description))
    return E;

  // detect: {requires: [...], absent: [...]}
  const YAML::Node Detect = Root["detect"];
  if (!Detect.IsDefined() || Detect.IsNull())
    return fail(Root, "missing key 'detect'");
  if (!Detect.IsMap())
    return fail(Detect, "'detect' must be a mapping with 'requires' and 'absent'");
  if (llvm::Error E = checkKeys(Detect, DetectKeys, "detect."))
    return E;
  if (llvm::Error E = getList(Detect, "requires", "detect.", P.DetectRequires))
    return E;
  if (P.DetectRequires.empty())
    return fail(Detect, "'detect.requires' must name at least one identifier");
  if (llvm::Error E = getList(Detect, "absent", "detect.", P.DetectAbsent))
    return E;

  if (llvm::Error E = getString(Root, "slot", "", true, P.Slot))
    return E;
  if (llvm::Error E = getString(Root, "param_decl", "", true, P.ParamDecl))
    return E;
  if (llvm::Error E = getString(Root, "param", "", true, P.Param))
    return E;
  if (!llvm::StringRef(P.ParamDecl).ends_with(P.Param))
    return fail(Root["param"], "'param' (" + P.Param +
                                   ") is not the name declared by 'param_decl' (" +
                                   P.ParamDecl + ")");
  if (llvm::Error E = getString(Root, "rename_suffix", "", true, P.RenameSuffix))
    return E;
  if (llvm::Error E = getString(Root, "file", "", true, P.FileExpr))
    return E;
  if (llvm::Error E = checkTemplate(Root["file"], "file", P.FileExpr, {}))
    return E;
  if (llvm::Error E = getString(Root, "mmap_hooks_test", "", false, P.MmapHooksTest))
    return E;
  if (llvm::Error E = getString(Root, "mmap_call", "", false, P.MmapCall))
    return E;
  if (llvm::Error E = getList(Root, "legacy_mmap_calls", "", P.LegacyMmapCalls))
    return E;
  if (llvm::Error E = getList(Root, "mmap_api", "", P.MmapApi))
    return E;
  if (!P.LegacyMmapCalls.empty() && P.MmapCall.empty())
    return fail(Root["legacy_mmap_calls"], "'legacy_mmap_calls' needs 'mmap_call'");

  if (llvm::Error E = getMap(Root, "fields", true, P.Fields))
    return E;
  for (const auto &F : P.Fields)
    if (llvm::Error E = checkTemplate(Root["fields"][F.first],
                                      "fields." + F.first, F.second, {}))
      return E;

  // flags
  const YAML::Node Flags = Root["flags"];
  if (!Flags.IsDefined() || Flags.IsNull())
    return fail(Root, "missing key 'flags'");
  if (!Flags.IsMap())
    return fail(Flags, "'flags' must be a mapping");
  if (llvm::Error E = checkKeys(Flags, FlagKeys, "flags."))
    return E;
  std::string Style;
  if (llvm::Error E = getString(Flags, "style", "flags.", true, Style))
    return E;
  if (Style == "mask")
    P.Flags = FlagStyle::Mask;
  else if (Style == "bits")
    P.Flags = FlagStyle::Bits;
  else
    return fail(Flags["style"], "'flags.style' must be 'mask' or 'bits', not '" +
                                    Style + "'");
  bool Bits = P.Flags == FlagStyle::Bits;
  if (llvm::Error E = getString(Flags, "bit", "flags.", Bits, P.FlagBit))
    return E;
  if (Bits && !llvm::StringRef(P.FlagBit).contains("{name}"))
    return fail(Flags["bit"], "'flags.bit' must contain {name} (the VM_ flag "
                              "without its prefix)");
  if (llvm::Error E = checkTemplate(Flags["bit"], "flags.bit", P.FlagBit, {"name"}))
    return E;
  struct {
    const char *Key;
    bool Required;
    std::string *Out;
  } FlagTemplates[] = {
      {"set", true, &P.FlagSet},
      {"clear", true, &P.FlagClear},
      {"test", true, &P.FlagTest},
      {"test_any", false, &P.FlagTestAny},
      {"test_all", false, &P.FlagTestAll},
  };
  for (const auto &T : FlagTemplates) {
    if (llvm::Error E = getString(Flags, T.Key, "flags.", T.Required, *T.Out))
      return E;
    if (llvm::Error E = checkTemplate(Flags[T.Key], std::string("flags.") + T.Key,
                                      *T.Out, {"bit", "bits", "mask", "mask_operand"}))
      return E;
  }

  if (llvm::Error E = getMap(Root, "helpers", false, P.Helpers))
    return E;
  for (const auto &H : P.Helpers)
    if (llvm::Error E = checkTemplate(Root["helpers"][H.first],
                                      "helpers." + H.first, H.second, {"args"}))
      return E;

  if (llvm::Error E = getMap(Root, "actions", false, P.Actions))
    return E;
  for (const auto &A : P.Actions) {
    const YAML::Node At = Root["actions"][A.first];
    if (std::find_if(std::begin(ActionNames), std::end(ActionNames),
                     [&](const char *K) { return A.first == K; }) ==
        std::end(ActionNames)) {
      std::string List;
      for (const char *K : ActionNames)
        List += (List.empty() ? "" : ", ") + std::string(K);
      return fail(At, "unknown action 'actions." + A.first + "' (known: " +
                          List + ")");
    }
    if (llvm::Error E =
            checkTemplate(At, "actions." + A.first, A.second,
                          {"start", "pfn", "size", "phys", "pages", "num"}))
      return E;
  }

  const YAML::Node Hooks = Root["hooks"];
  if (Hooks.IsDefined() && !Hooks.IsNull()) {
    if (!Hooks.IsMap())
      return fail(Hooks, "'hooks' must be a mapping");
    if (llvm::Error E = checkKeys(Hooks, HookKeys, "hooks."))
      return E;
    if (llvm::Error E = getBool(Hooks, "mapped", "hooks.", P.HasMappedHook))
      return E;
    if (llvm::Error E =
            getBool(Hooks, "mmap_complete", "hooks.", P.HasMmapComplete))
      return E;
  }
  if (llvm::Error E = getBool(Root, "error_hook", "", P.HasErrorHook))
    return E;

  // complete: how a remap splits between prepare and ->mmap_complete.
  Profile::CompleteHook &C = P.Complete;
  if (llvm::Error E = readHookSection(Root, "complete", "hooks.mmap_complete",
                                      P.HasMmapComplete, CompleteKeys,
                                      {{"slot", &C.Slot, {}},
                                       {"suffix", &C.Suffix, {}},
                                       {"params", &C.Params, {"file", "vma"}},
                                       {"remap_prepare", &C.RemapPrepare, {"pfn"}},
                                       {"remap_complete", &C.RemapComplete,
                                        {"vma", "start", "pfn", "size"}}}))
    return E;
  // mapped: the vm_ops->mapped callback a rewrite adds.
  return readHookSection(Root, "mapped", "hooks.mapped", P.HasMappedHook, MappedKeys,
                         {{"member", &P.Mapped.Member, {}},
                          {"suffix", &P.Mapped.Suffix, {}},
                          {"params", &P.Mapped.Params, {"file"}}});
}

template <size_t N>
llvm::Error Reader::readHookSection(const YAML::Node &Root, const char *Key,
                                    llvm::StringRef Switch, bool On,
                                    const char *const (&Known)[N],
                                    std::initializer_list<TemplateField> Fields) const {
  const YAML::Node Section = Root[Key];
  bool Has = Section.IsDefined() && !Section.IsNull();
  if (Has != On)
    return fail(Has ? Section : Root,
                Has ? "'" + llvm::Twine(Key) + "' is set but '" + Switch + "' is not true"
                    : "'" + Switch + "' is true but '" + Key + "' is missing");
  if (!Has)
    return llvm::Error::success();
  if (!Section.IsMap())
    return fail(Section, "'" + llvm::Twine(Key) + "' must be a mapping");
  std::string Prefix = std::string(Key) + ".";
  if (llvm::Error E = checkKeys(Section, Known, Prefix))
    return E;
  for (const TemplateField &F : Fields) {
    if (llvm::Error E = getString(Section, F.Key, Prefix, true, *F.Out))
      return E;
    if (llvm::Error E = checkTemplate(Section[F.Key], Prefix + F.Key, *F.Out, F.Allowed))
      return E;
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<Profile> loadProfile(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return makeError(Path + ": cannot read profile: " + Buf.getError().message());
  return parseProfile((*Buf)->getBuffer(), Path);
}

llvm::Expected<Profile> parseProfile(llvm::StringRef Text, llvm::StringRef Path) {
  Reader R(Path.str());
  Profile P;
  try {
    YAML::Node Root = YAML::Load(Text.str());
    if (llvm::Error E = R.read(Root, P))
      return E;
  } catch (const YAML::Exception &E) {
    if (E.mark.is_null())
      return makeError(Path + ": " + E.msg);
    return makeError(Path + ":" + llvm::Twine(E.mark.line + 1) + ":" +
                     llvm::Twine(E.mark.column + 1) + ": " + E.msg);
  } catch (const std::exception &E) {
    return makeError(Path + ": " + E.what());
  } catch (...) {
    return makeError(Path + ": unexpected error while reading the profile");
  }
  P.Digest = llvm::utohexstr(llvm::xxh3_64bits(Text));
  return P;
}

llvm::Expected<std::vector<Profile>> loadProfiles(llvm::StringRef Dir) {
  if (Dir.empty())
    return makeError("no profile folder: set $MMAP_MIGRATE_PROFILES");
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::sys::path::extension(It->path()) == ".yaml")
      Files.push_back(It->path());
  if (EC)
    return makeError(Dir + ": cannot list profiles: " + EC.message());
  if (Files.empty())
    return makeError(Dir + ": no profiles (*.yaml) in this folder");
  std::sort(Files.begin(), Files.end(),
            [](const std::string &A, const std::string &B) {
              return llvm::sys::path::filename(A) < llvm::sys::path::filename(B);
            });

  std::vector<Profile> All;
  llvm::Error Errors = llvm::Error::success();
  std::map<std::string, std::string> FileOfName;
  for (const std::string &F : Files) {
    llvm::Expected<Profile> P = loadProfile(F);
    if (!P) {
      Errors = llvm::joinErrors(std::move(Errors), P.takeError());
      continue;
    }
    auto Ins = FileOfName.emplace(P->Name, F);
    if (!Ins.second) {
      Errors = llvm::joinErrors(
          std::move(Errors),
          makeError(F + ": profile name '" + P->Name + "' is also used by " +
                    Ins.first->second));
      continue;
    }
    All.push_back(std::move(*P));
  }
  if (Errors)
    return Errors;
  return All;
}

std::string defaultProfileDir() {
  if (const char *Env = std::getenv("MMAP_MIGRATE_PROFILES"))
    if (*Env)
      return Env;
#ifdef MMAP_MIGRATE_PROFILE_DIR
  return MMAP_MIGRATE_PROFILE_DIR;
#else
  return "";
#endif
}

const Profile *detectProfile(const std::vector<Profile> &All,
                             const std::vector<std::string> &Declared) {
  llvm::StringSet<> Have;
  for (const std::string &D : Declared)
    Have.insert(D);
  const Profile *Best = nullptr;
  for (const Profile &P : All) {
    if (P.DetectRequires.empty())
      continue; // Would match any tree, even one without ->mmap_prepare.
    bool Ok = std::all_of(P.DetectRequires.begin(), P.DetectRequires.end(),
                          [&](const std::string &R) { return Have.count(R); }) &&
              std::none_of(P.DetectAbsent.begin(), P.DetectAbsent.end(),
                           [&](const std::string &A) { return Have.count(A); });
    if (Ok && (!Best || P.DetectRequires.size() > Best->DetectRequires.size()))
      Best = &P;
  }
  return Best;
}

llvm::Expected<std::string>
fillTemplate(llvm::StringRef Template,
             const std::map<std::string, std::string> &Vars) {
  std::string Out;
  Out.reserve(Template.size());
  size_t I = 0;
  while (I < Template.size()) {
    size_t Open = Template.find('{', I);
    if (Open == llvm::StringRef::npos) {
      Out += Template.substr(I).str();
      break;
    }
    Out += Template.slice(I, Open).str();
    size_t Close = Template.find('}', Open + 1);
    if (Close == llvm::StringRef::npos)
      return makeError("unclosed '{' in template '" + Template + "'");
    llvm::StringRef Key = Template.slice(Open + 1, Close);
    auto It = Vars.find(Key.str());
    if (It == Vars.end())
      return makeError("unknown placeholder {" + Key + "} in template '" +
                       Template + "'");
    Out += It->second;
    I = Close + 1;
  }
  return Out;
}

std::string preparedName(llvm::StringRef Name, const Profile &P) {
  return (Name + P.RenameSuffix).str();
}

} // namespace mmapmigrate
