#pragma once
// The Solidity ABI in one include: types and signatures, values and their cast-style printing, cast's
// argument syntax, encoding and strict decoding, ABI JSON, event logs and revert data.

#include "abiargs.h"
#include "abicodec.h"
#include "abievent.h"
#include "abijson.h"
#include "abirevert.h"
#include "abitype.h"
#include "abivalue.h"
