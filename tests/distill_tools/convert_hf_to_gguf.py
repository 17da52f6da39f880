#!/bin/sh
# A stand-in for llama.cpp's convert_hf_to_gguf.py in tests (a POSIX shell script: run it with `sh`
# or directly): prints the converter's logging lines and tqdm's "Writing:" bar on stderr, as the real
# one does, and writes the --outfile.
# FAKE_FAIL=1: exit 1 with an error on stderr.
set -u
model=""; outfile=""; outtype="f16"
while [ $# -gt 0 ]; do
    case "$1" in
        --outfile) outfile="${2:-}"; shift 2 ;;
        --outtype) outtype="${2:-}"; shift 2 ;;
        -*) shift ;;
        *) model="$1"; shift ;;
    esac
done
if [ "${FAKE_FAIL:-0}" = 1 ] || [ ! -f "$model/config.json" ]; then
    echo "ERROR:hf-to-gguf:Model directory $model has no config.json" >&2
    exit 1
fi
[ -n "$outfile" ] || outfile="$model/ggml-model-$outtype.gguf"
{
    echo "INFO:hf-to-gguf:Loading model: $(basename "$model")"
    echo "INFO:hf-to-gguf:Model architecture: Qwen2ForCausalLM"
    echo "INFO:gguf.gguf_writer:gguf: This GGUF file is for Little Endian only"
    echo "INFO:hf-to-gguf:Exporting model..."
    echo "INFO:hf-to-gguf:gguf: loading model part 'model.safetensors'"
    echo "INFO:hf-to-gguf:token_embd.weight,         torch.bfloat16 --> F16, shape = {2048, 151936}"
    echo "INFO:hf-to-gguf:blk.0.attn_norm.weight,    torch.bfloat16 --> F32, shape = {2048}"
    echo "INFO:hf-to-gguf:Set meta model"
    echo "INFO:hf-to-gguf:Set model parameters"
    echo "INFO:hf-to-gguf:Set model tokenizer"
    echo "INFO:gguf.gguf_writer:Writing the following files:"
    echo "INFO:gguf.gguf_writer:$outfile: n_tensors = 434, total_size = 6.2G"
    printf 'Writing:   0%%|          | 0.00/6.17G [00:00<?, ?byte/s]'
    for step in 1 2 3 4; do
        sleep 0.05
        case $step in 1) done_=1.54G ;; 2) done_=3.08G ;; 3) done_=4.63G ;; *) done_=6.17G ;; esac
        bar=$(printf '%*s' $((step * 25 / 10)) '' | tr ' ' '#')
        printf '\rWriting: %3d%%|%-10s| %s/6.17G [00:0%d<00:0%d, 1.23Gbyte/s]' $((step * 25)) "$bar" "$done_" "$step" $((4 - step))
    done
    printf '\n'
    mkdir -p "$(dirname "$outfile")"
    printf 'GGUF fake %s model\n' "$outtype" > "$outfile"
    echo "INFO:hf-to-gguf:Model successfully exported to $outfile"
} >&2
exit 0
