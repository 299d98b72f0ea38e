"""Build a tiny random LLaVA-style VLM offline (no download), saved like a Hub checkpoint.

Tiny CLIP vision tower + tiny Llama, a byte-level BPE tokenizer trained with ``tokenizers`` on a few sentences,
a PIL-based CLIP image processor (no torchvision), and a chat template. About 0.2 MB on disk.
"""

from __future__ import annotations

from pathlib import Path

SENTENCES = [
    "You are a helpful household robot. Given an egocentric image, you are asked to perform a task.",
    "Please plan and list your actions to complete the task, which you will then execute.",
    "1. Goto Sink 2. Toggle Faucet 3. Place Cup 4. Drop Knife",
    "Reasoning: the stove is on. Answer: Yes",
    "Reasoning: nothing unsafe. Answer: No",
    "The caption is: a pan of oil on a lit burner.",
]

CHAT_TEMPLATE = (
    "{% for m in messages %}{{ m['role'] }}: "
    "{% if m['content'] is string %}{{ m['content'] }}"
    "{% else %}{% for c in m['content'] %}{% if c['type'] == 'image' %}<image>{% else %}{{ c['text'] }}{% endif %}"
    "{% endfor %}{% endif %}\n{% endfor %}{% if add_generation_prompt %}assistant:{% endif %}"
)


#: Sizes shared by every tiny vision tower (a 28 px image in 14 px patches).
TINY_VISION: dict[str, int] = {
    "hidden_size": 16,
    "intermediate_size": 32,
    "num_hidden_layers": 1,
    "num_attention_heads": 2,
    "image_size": 28,
    "patch_size": 14,
}
#: Sizes and special token ids shared by every tiny language model.
TINY_TEXT: dict[str, int] = {
    "hidden_size": 32,
    "intermediate_size": 64,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "max_position_embeddings": 512,
    "bos_token_id": 1,
    "eos_token_id": 2,
    "pad_token_id": 0,
}


def build_tiny_vlm(
    folder: Path, *, seed: int = 0, max_new_tokens: int = 6, generation_sampling_defaults: bool = True
) -> Path:
    """Write a tiny random LLaVA checkpoint (config, weights, tokenizer, processor, chat template) to ``folder``.

    ``max_new_tokens`` goes into the saved generation config (the policy's default budget, keeping runs short).
    ``generation_sampling_defaults`` saves a generation config that samples (as many chat checkpoints do), so
    the policy's greedy default is really exercised.
    """
    import torch
    import transformers as tf
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=320,
        special_tokens=["<pad>", "<s>", "</s>", "<unk>", "<image>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    bpe.train_from_iterator(SENTENCES, trainer)
    tokenizer = tf.PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        extra_special_tokens={"image_token": "<image>"},
    )
    image_processor = tf.CLIPImageProcessorPil(
        size={"shortest_edge": 28}, crop_size={"height": 28, "width": 28}
    )
    processor = tf.LlavaProcessor(
        image_processor=image_processor,
        tokenizer=tokenizer,
        patch_size=14,
        vision_feature_select_strategy="default",
        chat_template=CHAT_TEMPLATE,
        image_token="<image>",
        num_additional_image_tokens=1,
    )
    vision = tf.CLIPVisionConfig(**TINY_VISION, projection_dim=16)
    text = tf.LlamaConfig(vocab_size=len(tokenizer), **TINY_TEXT)
    image_token = tokenizer.convert_tokens_to_ids("<image>")
    assert isinstance(image_token, int)
    config = tf.LlavaConfig(
        vision_config=vision,
        text_config=text,
        image_token_index=image_token,
        vision_feature_select_strategy="default",
        vision_feature_layer=-1,
    )
    torch.manual_seed(seed)
    model = tf.LlavaForConditionalGeneration(config)
    model.generation_config.pad_token_id = 0
    model.generation_config.eos_token_id = 2
    model.generation_config.bos_token_id = 1
    model.generation_config.max_new_tokens = max_new_tokens
    if generation_sampling_defaults:
        model.generation_config.do_sample = True
        model.generation_config.temperature = 0.7
        model.generation_config.top_p = 0.9
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    processor.save_pretrained(folder)
    return folder


REMOTE_CODE = '''"""A stand-in for a pre-processor-API remote-code chat checkpoint (the Qwen-VL-Chat protocol)."""
import re

import torch
from PIL import Image
from transformers import GenerationMixin, PretrainedConfig, PreTrainedModel, PreTrainedTokenizer


class FakeChatConfig(PretrainedConfig):
    model_type = "fakechat"


class FakeChatTokenizer(PreTrainedTokenizer):
    vocab_files_names = {}

    @property
    def vocab_size(self):
        return 256

    def get_vocab(self):
        return {chr(i): i for i in range(256)}

    def _tokenize(self, text):
        return list(text)

    def _convert_token_to_id(self, token):
        return ord(token) % 256

    def _convert_id_to_token(self, index):
        return chr(index)

    def save_vocabulary(self, save_directory, filename_prefix=None):
        return ()

    def from_list_format(self, parts):
        out = []
        for i, part in enumerate(parts):
            if "image" in part:
                out.append(f"Picture {i + 1}: <img>{part['image']}</img>\\n")
            else:
                out.append(part["text"])
        return "".join(out)


class FakeChatModel(PreTrainedModel, GenerationMixin):
    config_class = FakeChatConfig

    def __init__(self, config):
        super().__init__(config)
        self.proj = torch.nn.Linear(2, 2)
        self.post_init()

    def chat(self, tokenizer, query, history, system="You are a helpful assistant.", generation_config=None):
        cfg = generation_config or self.generation_config
        match = re.search(r"<img>(.*?)</img>", query)
        size = Image.open(match.group(1)).size if match else None
        text = re.sub(r"Picture \\d+: <img>.*?</img>\\n", "", query)
        return f"image={size} greedy={not cfg.do_sample} budget={cfg.max_new_tokens} system={system} text={text}", []
'''


def build_remote_code_chat(folder: Path) -> Path:
    """Write a remote-code checkpoint speaking ``from_list_format`` + ``model.chat`` (no processor, no template).

    Its ``chat`` reports what it was given (image size, greedy or not, budget, system, text), so a test can
    check how the policy drove it. Its saved generation config samples, like Qwen-VL-Chat's.
    """
    import importlib.util
    import json

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fake_chat.py").write_text(REMOTE_CODE)
    spec = importlib.util.spec_from_file_location("fake_chat_build", folder / "fake_chat.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    config = module.FakeChatConfig()
    config.auto_map = {
        "AutoConfig": "fake_chat.FakeChatConfig",
        "AutoModelForCausalLM": "fake_chat.FakeChatModel",
    }
    model = module.FakeChatModel(config)
    model.generation_config.do_sample = True
    model.generation_config.top_p = 0.3
    model.save_pretrained(folder)
    module.FakeChatTokenizer().save_pretrained(folder)
    tokenizer_config = json.loads((folder / "tokenizer_config.json").read_text())
    tokenizer_config["auto_map"] = {"AutoTokenizer": ["fake_chat.FakeChatTokenizer", None]}
    tokenizer_config["tokenizer_class"] = "FakeChatTokenizer"
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config))
    return folder


def build_hub_processor_layout(
    source: Path, folder: Path, processor_class: str, image_processor_type: str
) -> Path:
    """Copy a tiny checkpoint, its processor declared the way Hub checkpoints of newer families declare it.

    Like ``Qwen/Qwen2.5-VL-7B-Instruct``: one ``preprocessor_config.json`` naming the image processor and the
    processor class, no ``processor_config.json``. transformers then builds that family's real processor (with
    its video processor, which needs torchvision in transformers 5.x).
    """
    import json
    import shutil

    shutil.copytree(source, folder)
    saved = json.loads((folder / "processor_config.json").read_text())
    (folder / "processor_config.json").unlink()
    image_processor = dict(saved["image_processor"])
    image_processor.update(image_processor_type=image_processor_type, processor_class=processor_class)
    (folder / "preprocessor_config.json").write_text(json.dumps(image_processor))
    return folder


def build_tiny_paligemma(folder: Path, *, seed: int = 0, max_new_tokens: int = 6) -> Path:
    """Write a tiny random PaliGemma-style base checkpoint: SigLIP + Gemma, no chat template at all.

    Its processor (``PaliGemmaProcessor``, PIL SigLIP image processor) builds prompts itself: image tokens,
    BOS, the prefix text, a newline.
    """
    import torch
    import transformers as tf
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=320,
        special_tokens=["<pad>", "<bos>", "<eos>", "<unk>", "<image>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    bpe.train_from_iterator(SENTENCES, trainer)
    tokenizer = tf.PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        bos_token="<bos>",
        eos_token="<eos>",
        pad_token="<pad>",
        unk_token="<unk>",
        extra_special_tokens={"image_token": "<image>"},
    )
    image_processor = tf.SiglipImageProcessorPil(size={"height": 28, "width": 28})
    image_processor.image_seq_length = 4  # type: ignore[attr-defined]  # (28 / 14) ** 2 patches
    vision = tf.SiglipVisionConfig(**TINY_VISION)
    text = tf.GemmaConfig(vocab_size=len(tokenizer), head_dim=8, **TINY_TEXT)
    image_token = tokenizer.convert_tokens_to_ids("<image>")
    assert isinstance(image_token, int)
    config = tf.PaliGemmaConfig(
        vision_config=vision,
        text_config=text,
        image_token_index=image_token,
        vocab_size=len(tokenizer),
        projection_dim=32,
        hidden_size=32,
    )
    torch.manual_seed(seed)
    model = tf.PaliGemmaForConditionalGeneration(config)
    model.generation_config.max_new_tokens = max_new_tokens
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    tf.PaliGemmaProcessor(image_processor=image_processor, tokenizer=tokenizer).save_pretrained(folder)
    return folder
