#include <phoihop/io/zip_archive.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/io/shared_library.hpp>

#include <fmt/format.h>
#include <zip.h> // declarations only: the functions are looked up in the loaded library

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>

namespace phoihop::io {

namespace {

// The functions of libzip phoihop calls, typed from zip.h.
struct Libzip {
  decltype(&::zip_source_buffer_create) source_buffer_create;
  decltype(&::zip_open_from_source) open_from_source;
  decltype(&::zip_source_keep) source_keep;
  decltype(&::zip_source_free) source_free;
  decltype(&::zip_source_buffer) source_buffer;
  decltype(&::zip_source_function) source_function;
  decltype(&::zip_file_add) file_add;
  decltype(&::zip_set_file_compression) set_file_compression;
  decltype(&::zip_file_set_mtime) file_set_mtime;
  decltype(&::zip_close) close;
  decltype(&::zip_discard) discard;
  decltype(&::zip_strerror) strerror;
  decltype(&::zip_error_strerror) error_strerror;
  decltype(&::zip_error_init) error_init;
  decltype(&::zip_error_fini) error_fini;
  decltype(&::zip_source_open) source_open;
  decltype(&::zip_source_read) source_read;
  decltype(&::zip_source_seek) source_seek;
  decltype(&::zip_source_tell) source_tell;
  decltype(&::zip_source_close) source_close;
};

constexpr const char* k_soname = "libzip.so.4";
constexpr const char* k_too_old = "a libzip older than 1.7 (Debian 12 ships 1.7.3)";

const Libzip& libzip()
{
  static const Libzip loaded = [] {
    const SharedLibrary lib(k_soname, "writing a .docx", "libzip4");
    Libzip z{};
    lib.bind(z.source_buffer_create, "zip_source_buffer_create", k_too_old);
    lib.bind(z.open_from_source, "zip_open_from_source", k_too_old);
    lib.bind(z.source_keep, "zip_source_keep", k_too_old);
    lib.bind(z.source_free, "zip_source_free", k_too_old);
    lib.bind(z.source_buffer, "zip_source_buffer", k_too_old);
    lib.bind(z.source_function, "zip_source_function", k_too_old);
    lib.bind(z.file_add, "zip_file_add", k_too_old);
    lib.bind(z.set_file_compression, "zip_set_file_compression", k_too_old);
    lib.bind(z.file_set_mtime, "zip_file_set_mtime", k_too_old);
    lib.bind(z.close, "zip_close", k_too_old);
    lib.bind(z.discard, "zip_discard", k_too_old);
    lib.bind(z.strerror, "zip_strerror", k_too_old);
    lib.bind(z.error_strerror, "zip_error_strerror", k_too_old);
    lib.bind(z.error_init, "zip_error_init", k_too_old);
    lib.bind(z.error_fini, "zip_error_fini", k_too_old);
    lib.bind(z.source_open, "zip_source_open", k_too_old);
    lib.bind(z.source_read, "zip_source_read", k_too_old);
    lib.bind(z.source_seek, "zip_source_seek", k_too_old);
    lib.bind(z.source_tell, "zip_source_tell", k_too_old);
    lib.bind(z.source_close, "zip_source_close", k_too_old);
    return z;
  }();
  return loaded;
}

// 1980-01-01 12:00 as libzip will write it: it turns the time into the
// zip's local date and time with localtime(), so the same local moment is
// asked of mktime() and every time zone writes the same bytes.
std::time_t fixed_time()
{
  std::tm day{};
  day.tm_year = 80;
  day.tm_mday = 1;
  day.tm_hour = 12; // midday: no time zone or DST shift takes it out of the day
  day.tm_isdst = -1;
  return std::mktime(&day);
}

} // namespace

struct ZipArchive::Impl {
  const Libzip& z = libzip();
  zip_source_t* storage = nullptr; // the archive's own bytes, in memory
  zip_t* archive = nullptr;
  std::time_t time = fixed_time();

  [[noreturn]] void fail(const std::string& what) const
  {
    throw Failure(fmt::format("cannot write the document's container ({}): {}", what,
                              archive ? z.strerror(archive) : "out of memory"));
  }
};

void ZipArchive::load()
{
  libzip();
}

ZipArchive::ZipArchive() : m_impl(std::make_unique<Impl>())
{
  auto& impl = *m_impl;
  zip_error_t error;
  impl.z.error_init(&error);
  impl.storage = impl.z.source_buffer_create(nullptr, 0, 0, &error);
  if (impl.storage != nullptr) {
    impl.archive = impl.z.open_from_source(impl.storage, ZIP_TRUNCATE, &error);
  }
  if (impl.archive == nullptr) {
    std::string why = impl.z.error_strerror(&error);
    impl.z.error_fini(&error);
    if (impl.storage != nullptr) {
      impl.z.source_free(impl.storage);
    }
    throw Failure("cannot start the document's container: " + why);
  }
  impl.z.error_fini(&error);
  // Kept past zip_close(), which frees the sources it was opened on.
  impl.z.source_keep(impl.storage);
}

ZipArchive::~ZipArchive()
{
  if (m_impl->archive != nullptr) {
    m_impl->z.discard(m_impl->archive);
  }
  if (m_impl->storage != nullptr) {
    m_impl->z.source_free(m_impl->storage);
  }
}

namespace {

void add_source(ZipArchive::Impl& impl, const std::string& name, zip_source_t* source)
{
  if (source == nullptr) {
    impl.fail(name);
  }
  zip_int64_t index = impl.z.file_add(impl.archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    impl.z.source_free(source);
    impl.fail(name);
  }
  auto at = static_cast<zip_uint64_t>(index);
  // Deflate's fastest level: the 110 MB of XML of a 100,000-task report
  // take a third of level 6's time (7.7 MB instead of 4.7 MB).
  if (impl.z.set_file_compression(impl.archive, at, ZIP_CM_DEFLATE, 1) != 0 ||
      impl.z.file_set_mtime(impl.archive, at, impl.time, 0) != 0) {
    impl.fail(name);
  }
}

} // namespace

void ZipArchive::add(const std::string& name, std::string bytes)
{
  const std::string& kept = m_buffers.emplace_back(std::move(bytes));
  add_source(*m_impl, name, m_impl->z.source_buffer(m_impl->archive, kept.data(), kept.size(), 0));
}

namespace {

// The pieces of an entry as a libzip source (zip_source_function): read in
// order, each file from its start; the source owns them and closes the files.
struct Pieces {
  std::vector<ZipArchive::Piece> pieces;
  std::size_t index = 0;
  std::size_t offset = 0; // into the current text piece
  zip_uint64_t size = 0;
  int error = 0; // errno of a failed read

  zip_int64_t read(char* out, zip_uint64_t wanted)
  {
    zip_uint64_t done = 0;
    while (done < wanted && index < pieces.size()) {
      auto& piece = pieces[index];
      std::size_t n = 0;
      if (piece.file != nullptr) {
        n = std::fread(out + done, 1, static_cast<std::size_t>(wanted - done), piece.file.get());
        if (n == 0 && std::ferror(piece.file.get())) {
          error = errno;
          return -1;
        }
      } else {
        n = std::min<std::size_t>(piece.text.size() - offset, static_cast<std::size_t>(wanted - done));
        std::memcpy(out + done, piece.text.data() + offset, n);
        offset += n;
      }
      if (n == 0) {
        ++index;
        offset = 0;
      }
      done += n;
    }
    return static_cast<zip_int64_t>(done);
  }

  static zip_int64_t callback(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command)
  {
    auto* self = static_cast<Pieces*>(state);
    switch (command) {
    case ZIP_SOURCE_OPEN:
      self->index = 0;
      self->offset = 0;
      for (auto& piece : self->pieces) {
        if (piece.file != nullptr && std::fseek(piece.file.get(), 0, SEEK_SET) != 0) {
          self->error = errno;
          return -1;
        }
      }
      return 0;
    case ZIP_SOURCE_READ: return self->read(static_cast<char*>(data), length);
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT: {
      auto* stat = static_cast<zip_stat_t*>(data); // initialised by libzip
      stat->size = self->size;
      stat->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR: {
      auto* codes = static_cast<int*>(data);
      codes[0] = ZIP_ER_READ;
      codes[1] = self->error;
      return 2 * sizeof(int);
    }
    case ZIP_SOURCE_FREE: delete self; return 0;
    case ZIP_SOURCE_SUPPORTS: return ZIP_SOURCE_SUPPORTS_READABLE;
    default: return -1;
    }
  }
};

} // namespace

void ZipArchive::add_pieces(const std::string& name, std::vector<Piece> pieces)
{
  auto state = std::make_unique<Pieces>();
  state->pieces = std::move(pieces);
  for (const auto& piece : state->pieces) {
    if (piece.file != nullptr) {
      long size = std::fseek(piece.file.get(), 0, SEEK_END) == 0 ? std::ftell(piece.file.get()) : -1;
      if (size < 0) {
        throw Failure(fmt::format("cannot read a temporary file of the document: {}", std::strerror(errno)));
      }
      state->size += static_cast<zip_uint64_t>(size);
    } else {
      state->size += piece.text.size();
    }
  }
  zip_source_t* source = m_impl->z.source_function(m_impl->archive, &Pieces::callback, state.get());
  if (source != nullptr) {
    state.release(); // the source's now: freed by ZIP_SOURCE_FREE
  }
  add_source(*m_impl, name, source);
}

std::string ZipArchive::finish()
{
  auto& impl = *m_impl;
  if (impl.z.close(impl.archive) != 0) {
    impl.fail("closing it");
  }
  impl.archive = nullptr;
  std::string bytes;
  if (impl.z.source_open(impl.storage) != 0 || impl.z.source_seek(impl.storage, 0, SEEK_END) != 0) {
    throw Failure("cannot read back the document's container");
  }
  zip_int64_t size = impl.z.source_tell(impl.storage);
  if (size < 0 || impl.z.source_seek(impl.storage, 0, SEEK_SET) != 0) {
    impl.z.source_close(impl.storage);
    throw Failure("cannot read back the document's container");
  }
  bytes.resize(static_cast<std::size_t>(size));
  zip_int64_t read = impl.z.source_read(impl.storage, bytes.data(), bytes.size());
  impl.z.source_close(impl.storage);
  if (read != size) {
    throw Failure("cannot read back the document's container");
  }
  m_buffers.clear();
  return bytes;
}

} // namespace phoihop::io
