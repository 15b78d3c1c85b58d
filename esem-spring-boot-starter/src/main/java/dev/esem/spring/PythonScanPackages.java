package dev.esem.spring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * The packages named by {@link PythonScan @PythonScan} annotations, kept as a bean so the
 * auto-configuration can read them.
 */
public final class PythonScanPackages {

	private static final String BEAN = PythonScanPackages.class.getName();

	private static final PythonScanPackages NONE = new PythonScanPackages();

	private final List<String> packageNames;

	PythonScanPackages(String... packageNames) {
		this.packageNames = List.copyOf(new LinkedHashSet<>(Arrays.asList(packageNames)));
	}

	/** The package names, in declaration order; empty when no {@code @PythonScan} is present. */
	public List<String> getPackageNames() {
		return this.packageNames;
	}

	/** The packages registered in {@code beanFactory}, or none. */
	public static PythonScanPackages get(BeanFactory beanFactory) {
		try {
			return beanFactory.getBean(BEAN, PythonScanPackages.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			return NONE;
		}
	}

	/** Adds packages to the ones registered in {@code registry}. */
	public static void register(BeanDefinitionRegistry registry, Collection<String> packageNames) {
		if (registry.containsBeanDefinition(BEAN)) {
			BeanDefinition definition = registry.getBeanDefinition(BEAN);
			Set<String> merged = new LinkedHashSet<>(Arrays.asList((String[]) definition.getConstructorArgumentValues()
				.getIndexedArgumentValue(0, String[].class)
				.getValue()));
			merged.addAll(packageNames);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, merged.toArray(String[]::new));
		}
		else {
			RootBeanDefinition definition = new RootBeanDefinition(PythonScanPackages.class);
			definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, packageNames.toArray(String[]::new));
			registry.registerBeanDefinition(BEAN, definition);
		}
	}

	/** Registers the packages of one {@code @PythonScan}. */
	static class Registrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			register(registry, packagesToScan(metadata));
		}

		private static Collection<String> packagesToScan(AnnotationMetadata metadata) {
			AnnotationAttributes attributes = AnnotationAttributes
				.fromMap(metadata.getAnnotationAttributes(PythonScan.class.getName()));
			List<String> packages = new ArrayList<>();
			if (attributes != null) {
				for (String basePackage : attributes.getStringArray("basePackages")) {
					if (!basePackage.isBlank()) {
						packages.add(basePackage.trim());
					}
				}
				for (Class<?> basePackageClass : attributes.getClassArray("basePackageClasses")) {
					packages.add(ClassUtils.getPackageName(basePackageClass));
				}
			}
			return packages.isEmpty() ? Collections.singletonList(ClassUtils.getPackageName(metadata.getClassName()))
					: packages;
		}

	}

}
