#pragma once

#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace interleave {

/// An allocator whose value-less construct leaves the element uninitialised: resizing a buffer
/// that is about to be overwritten (a file read, a zstd frame decompressed) then costs no
/// memset over the whole of it.
template <class T> struct DefaultInitAllocator : std::allocator<T> {
    using value_type = T;
    template <class U> struct rebind {
        using other = DefaultInitAllocator<U>;
    };
    DefaultInitAllocator() = default;
    template <class U>
    DefaultInitAllocator(const DefaultInitAllocator<U>& other) noexcept
        : std::allocator<T>(other)
    {
    }
    template <class U> void construct(U* where) noexcept { ::new (static_cast<void*>(where)) U; }
    template <class U, class... Args> void construct(U* where, Args&&... args)
    {
        ::new (static_cast<void*>(where)) U(std::forward<Args>(args)...);
    }
};

/// Bytes read or decompressed into: `resize` does not zero what will be written anyway.
using ByteBuffer = std::vector<std::uint8_t, DefaultInitAllocator<std::uint8_t>>;

} // namespace interleave
