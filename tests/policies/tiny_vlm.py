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
    vision = tf.CLIPVisionConfig(
        hidden_size=16,
        intermediate_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        image_size=28,
        patch_size=14,
        projection_dim=16,
    )
    text = tf.LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=512,
        bos_token_id=1,
        eos_token_id=2,
        pad_token_id=0,
    )
    config = tf.LlavaConfig(
        vision_config=vision,
        text_config=text,
        image_token_index=tokenizer.convert_tokens_to_ids("<image>"),
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
